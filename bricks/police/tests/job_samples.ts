import { enqueue } from '#jobs/enqueue'
import { mailbox } from '#tests/support/smtp'
import { defineJobSamples } from '#tests/support/job_samples'
import { clock } from '#core/clock'
import OtvAbsence from '../models/otv_absence.js'
import OtvPassage from '../models/otv_passage.js'
import { inDays, town } from './support.js'
import Street from '../models/street.js'

async function absence(email: string, startsOn: string, endsOn: string) {
  await town()
  const street = await Street.findByOrFail('normalized', 'rue victor hugo')
  return OtvAbsence.create({
    reference: `OTV-${email}`,
    userId: null,
    email,
    fullName: null,
    streetId: street.id,
    streetNumber: 4,
    addressComplement: null,
    startsOn,
    endsOn,
    status: 'active',
    homeType: 'flat',
    alarm: false,
    locale: 'fr',
  })
}

/** The OTV mails, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  tests: {
    'a passage with an anomaly mails the resident from the worker': async ({ assert, settled }) => {
      const home = await absence('alerte@example.org', inDays(-2), inDays(5))
      const passage = await OtvPassage.create({
        absenceId: home.id,
        agentId: null,
        passedAt: clock.now(),
        remark: 'Fenêtre cassée',
        anomaly: true,
      })
      await enqueue('police_otv_anomaly_mail', { passageId: passage.id })
      const mail = await mailbox.receive('alerte@example.org', /anomalie/, 15_000)
      assert.include(mail.text!, 'Fenêtre cassée')
      await settled()
    },
    'the morning run mails the summary to residents back since yesterday': async ({
      assert,
      settled,
    }) => {
      await absence('bilan@example.org', inDays(-10), inDays(-1))
      await enqueue('police_otv_summaries', {})
      const mail = await mailbox.receive('bilan@example.org', /bilan/, 15_000)
      assert.include(mail.text!, 'aucune fois')
      await settled()
    },
  },
})
