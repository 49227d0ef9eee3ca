import type { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#accounts/models/user'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { readSettings } from '#core/services/settings'
import { enqueue } from '#jobs/enqueue'
import SmsMobile from '#notifications/models/sms_mobile'
import SmsNotice from '#notifications/models/sms_notice'
import { smsSettings } from '#notifications/sms/settings'
import { outsideQuietHours } from '#notifications/sms/quiet_hours'

type Client = TransactionClientContract | QueryClientContract

export interface SmsNoticeRequest {
  userId: number
  /** i18n key naming what it is (`appointments.sms.kind`), shown in the log */
  kind: string
  /** i18n key of the text, rendered in the resident's language */
  message: string
  data?: Record<string, unknown>
  /** sent even during quiet hours and past the daily cap (an anomaly at home) */
  urgent?: boolean
  /** not before (default: now) */
  dueAt?: DateTime
  /** useless from then on (the appointment it reminds of): not queued if it could only leave later */
  notAfter?: DateTime
  /** what it is about: `withdrawSms(client, subjectKey)` withdraws it while it waits */
  subjectKey?: string
  /** the same key twice is one notice */
  idempotencyKey: string
}

/** The resident's verified mobile when they want SMS, else null. */
export async function smsRecipient(userId: number, client?: Client) {
  const user = await User.find(userId, { client })
  if (!user?.notifyBySms) return null
  const mobile = await SmsMobile.query({ client }).where('userId', userId).first()
  return mobile?.isVerified ? { user, number: mobile.number! } : null
}

/**
 * Puts an SMS for a resident in the outbox, in the caller's transaction:
 * only when they opted in with a verified number. A notice due during the
 * quiet hours waits for their end; the resident's send_sms job groups what
 * is due together and keeps the daily cap (jobs/send_sms.ts). Modules and
 * bricks call this with their own i18n keys.
 */
export async function queueSms(client: Client, request: SmsNoticeRequest) {
  const recipient = await smsRecipient(request.userId, client)
  if (!recipient) return null
  const existing = await SmsNotice.query({ client })
    .where('idempotencyKey', request.idempotencyKey)
    .first()
  if (existing) return existing
  const now = clock.now()
  const due = request.dueAt && request.dueAt > now ? request.dueAt : now
  const settings = await readSettings('notifications', smsSettings, client)
  const runAt = request.urgent
    ? due
    : outsideQuietHours(due, settings.smsQuietFrom, settings.smsQuietUntil)
  if (request.notAfter && runAt >= request.notAfter) return null
  const locale = i18nManager.supportedLocales().includes(recipient.user.locale)
    ? recipient.user.locale
    : 'fr'
  const notice = await SmsNotice.create(
    {
      userId: request.userId,
      kind: request.kind,
      body: i18nManager.locale(locale).t(request.message, request.data ?? {}),
      urgent: Boolean(request.urgent),
      subjectKey: request.subjectKey ?? null,
      idempotencyKey: request.idempotencyKey,
      dueAt: runAt,
      status: 'pending',
    },
    { client }
  )
  await scheduleSmsRun(client, request.userId, runAt)
  return notice
}

/** The resident's send_sms run at `at` (one job per resident and moment). */
export async function scheduleSmsRun(client: Client, userId: number, at: DateTime) {
  await enqueue(
    'send_sms',
    { userId },
    { client, runAt: at, idempotencyKey: `sms:${userId}:${at.toMillis()}` }
  )
}

/** Withdraws the waiting notices about something that changed (a cancelled appointment). */
export async function withdrawSms(client: Client, subjectKey: string) {
  await client
    .from('sms_notices')
    .where('subject_key', subjectKey)
    .where('status', 'pending')
    .update({ status: 'withdrawn', updated_at: dbTimestamp(clock.now(), client) })
}
