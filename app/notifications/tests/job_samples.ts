import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { defineJobSamples } from '#tests/support/job_samples'
import { createResident } from '#tests/support/factories/accounts'
import SmsMobile from '#notifications/models/sms_mobile'
import SmsLogEntry from '#notifications/models/sms_log_entry'
import SmsSimulatorMessage from '#notifications/models/sms_simulator_message'
import { queueSms } from '#notifications/sms/queue_sms'
import { requestMobileCode } from '#notifications/actions/request_mobile_code'

/**
 * The SMS job types, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts:
 * the worker starts its own loopback simulator (SMS_PROVIDER unset), which
 * keeps what it receives in the database the test reads.
 */
export default defineJobSamples({
  tests: {
    'a resident’s SMS leaves from the worker through the simulator, and is logged with its number masked':
      async ({ assert, settled }) => {
        const resident = await createResident()
        await SmsMobile.create({
          userId: resident.id,
          number: '+33699000101',
          verifiedAt: clock.now(),
          codeAttempts: 0,
          codesSent: 0,
        })
        resident.notifyBySms = true
        await resident.save()
        // urgent: whatever the hour the suite runs at, quiet hours do not hold it back
        await queueSms(db.connection(), {
          userId: resident.id,
          kind: 'appointments.sms.kind',
          message: 'appointments.sms.reminder',
          data: {
            type: 'Essai',
            date: '01/01',
            time: '10h00',
            place: 'Mairie',
            link: 'https://v.example',
          },
          urgent: true,
          idempotencyKey: `jobs-work-sms:${resident.id}`,
        })
        await settled()
        const [message] = await SmsSimulatorMessage.query().where('recipient', '+33699000101')
        assert.match(message.text, /^Rappel : rendez-vous "Essai"/)
        const [entry] = await SmsLogEntry.query().where('userId', resident.id)
        assert.equal(entry.recipientMasked, '+33 •••••••01')
        assert.equal(entry.status, 'sent')
      },
    'a verification code leaves from the worker at once': async ({ assert, settled }) => {
      const resident = await createResident()
      assert.equal(await requestMobileCode(resident, '06 99 00 01 02'), 'sent')
      await settled()
      const [message] = await SmsSimulatorMessage.query().where('recipient', '+33699000102')
      assert.match(message.text, /^\d{6} est votre code de vérification /)
    },
  },
})
