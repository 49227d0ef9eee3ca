import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { defineJob } from '#jobs/registry'
import { CITY_ZONE } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { readSettings } from '#core/services/settings'
import SmsNotice from '#notifications/models/sms_notice'
import SmsLogEntry, { type SmsLogStatus } from '#notifications/models/sms_log_entry'
import { smsSettings } from '#notifications/sms/settings'
import { inQuietHours, outsideQuietHours } from '#notifications/sms/quiet_hours'
import { scheduleSmsRun, smsRecipient } from '#notifications/sms/queue_sms'
import { logSms, sendThroughProvider } from '#notifications/sms/deliver'
import { prepareSmsText } from '#notifications/sms/gsm'

/** At most one SMS per resident in this many minutes; what comes meanwhile is grouped, as mails are. */
export const SMS_GROUPING_MINUTES = 10

/** Codes a resident asked for count neither in the cap nor in the grouping window. */
const VERIFICATION = 'notifications.sms.kinds.verification_code'

async function markNotices(notices: SmsNotice[], status: string, now: DateTime, logId?: number) {
  if (notices.length === 0) return
  await db
    .from('sms_notices')
    .whereIn(
      'id',
      notices.map((notice) => notice.id)
    )
    .where('status', 'pending')
    .update({ status, sms_log_id: logId ?? null, updated_at: dbTimestamp(now) })
}

/** Most characters one SMS carries (4 concatenated GSM-7 segments); what does not fit waits for the next one. */
export const SMS_MAX_CHARACTERS = 612

/** The first notices whose texts fit in one SMS (always at least one). */
function fitting(notices: SmsNotice[]) {
  const batch: SmsNotice[] = []
  let length = -1
  for (const notice of notices) {
    length += notice.body.length + 1
    if (batch.length > 0 && length > SMS_MAX_CHARACTERS) break
    batch.push(notice)
  }
  return batch
}

/** Logs an SMS (sent, refused or held back) and settles the notices it carried, in one transaction. */
async function settle(
  notices: SmsNotice[],
  status: SmsLogStatus,
  entry: Omit<Parameters<typeof logSms>[1], 'status'>,
  now: DateTime
) {
  await db.transaction(async (trx) => {
    const logged = await logSms(trx, { ...entry, status })
    await trx
      .from('sms_notices')
      .whereIn(
        'id',
        notices.map((notice) => notice.id)
      )
      .update({ status, sms_log_id: logged.id, updated_at: dbTimestamp(now, trx) })
  })
}

/** SMS the resident sent today (Paris day): what the daily cap counts. */
async function sentToday(userId: number, now: DateTime) {
  const dayStart = now.setZone(CITY_ZONE).startOf('day').toUTC()
  const rows = await SmsLogEntry.query()
    .where('userId', userId)
    .where('status', 'sent')
    .whereNot('kinds', VERIFICATION)
    .where('createdAt', '>=', dbTimestamp(dayStart))
    .count('* as total')
  return Number(rows[0].$extras.total)
}

/** When the grouping window after the last SMS ends, if it has not yet. */
async function windowEnd(userId: number, now: DateTime) {
  const last = await SmsLogEntry.query()
    .where('userId', userId)
    .where('status', 'sent')
    .whereNot('kinds', VERIFICATION)
    .orderBy('createdAt', 'desc')
    .first()
  const end = last?.createdAt.plus({ minutes: SMS_GROUPING_MINUTES })
  return end && end > now ? end : null
}

/**
 * Sends a resident what is due for them by SMS, as one message: everything
 * that piled up (the night's notices at the end of the quiet hours, what
 * came within ten minutes of the last SMS) leaves grouped. Nothing leaves
 * during the quiet hours, nor past the daily cap (then it is logged as held
 * back), nor after the resident opted out — urgent notices excepted from the
 * first two. Jobs of one resident run one after the other (ordering key), so
 * two runs never send the same notice.
 */
export const sendSmsJob = defineJob<{ userId: number }>({
  queue: 'sms',
  orderingKey: ({ userId }) => `sms:user:${userId}`,
  maxAttempts: 8,
  async handle({ userId }, { now }) {
    const due = await SmsNotice.query()
      .where('userId', userId)
      .where('status', 'pending')
      .where('dueAt', '<=', dbTimestamp(now))
      .orderBy('id')
    if (due.length === 0) return
    const recipient = await smsRecipient(userId)
    if (!recipient) return markNotices(due, 'opted_out', now)
    const settings = await readSettings('notifications', smsSettings)
    const urgent = due.some((notice) => notice.urgent)
    if (!urgent) {
      const later = inQuietHours(now, settings.smsQuietFrom, settings.smsQuietUntil)
        ? outsideQuietHours(now, settings.smsQuietFrom, settings.smsQuietUntil)
        : await windowEnd(userId, now)
      if (later) return scheduleSmsRun(db.connection(), userId, later)
    }
    const batch = fitting(due)
    const entry = { userId, to: recipient.number, settings }
    if (!urgent && (await sentToday(userId, now)) >= settings.smsDailyCap) {
      const all = due.map((notice) => notice.body).join('\n')
      const kinds = due.map((notice) => notice.kind)
      return settle(due, 'over_cap', { ...entry, kinds, prepared: prepareSmsText(all) }, now)
    }
    const body = batch.map((notice) => notice.body).join('\n')
    const sent = await sendThroughProvider(recipient.number, body, settings.smsSender)
    await settle(
      batch,
      sent.refused ? 'failed' : 'sent',
      {
        ...entry,
        kinds: batch.map((notice) => notice.kind),
        prepared: sent.prepared,
        reference: sent.reference,
        error: sent.refused,
      },
      now
    )
    // What did not fit leaves as one more SMS once the grouping window is over.
    if (batch.length < due.length)
      await scheduleSmsRun(db.connection(), userId, now.plus({ minutes: SMS_GROUPING_MINUTES }))
  },
})

export default sendSmsJob
