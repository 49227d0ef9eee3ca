import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import { readSettings } from '#core/services/settings'
import { smsSettings } from '#notifications/sms/settings'
import { logSms, sendThroughProvider } from '#notifications/sms/deliver'

/**
 * The verification code of a mobile number a resident just typed: sent at
 * once whatever the hour (they are waiting for it), outside the daily cap
 * (codes have their own limit per hour, see request_mobile_code).
 */
export const sendSmsCodeJob = defineJob<{ userId: number; to: string; text: string }>({
  queue: 'sms',
  maxAttempts: 3,
  async handle({ userId, to, text }) {
    const settings = await readSettings('notifications', smsSettings)
    const sent = await sendThroughProvider(to, text, settings.smsSender)
    await db.transaction((trx) =>
      logSms(trx, {
        userId,
        to,
        kinds: ['notifications.sms.kinds.verification_code'],
        prepared: sent.prepared,
        status: sent.refused ? 'failed' : 'sent',
        reference: sent.reference,
        error: sent.refused,
        settings: settings,
      })
    )
  },
})

export default sendSmsCodeJob
