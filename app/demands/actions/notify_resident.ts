import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#accounts/models/user'
import type Demand from '#demands/models/demand'
import Notification, { type NotificationKind } from '#demands/models/notification'
import { enqueue } from '#jobs/enqueue'
import { queueSms } from '#notifications/sms/queue_sms'
import parvisConfig from '#config/parvis'

/** Receipts and requests for information are always mailed: the resident must act on them or keep them. */
const ALWAYS_MAILED: NotificationKind[] = ['submitted', 'information_requested']

/**
 * Tells the resident (or the person without an account who filed) that
 * something happened on their demand, in the caller's transaction: a line in
 * `/mon-espace/notifications`, and a mail job when they want mail. The job
 * groups what piled up (see mail_demand_updates).
 */
export async function notifyResident(
  trx: TransactionClientContract,
  demand: Demand,
  kind: NotificationKind,
  options: { eventId?: number | null; toState?: string | null; now?: DateTime } = {}
) {
  const user = demand.userId ? await User.find(demand.userId, { client: trx }) : null
  let mailWanted: boolean
  if (!user) mailWanted = Boolean(demand.applicantEmail)
  else if (ALWAYS_MAILED.includes(kind)) mailWanted = true
  else
    mailWanted =
      user.notifyByEmail && (kind === 'message' ? user.mailOnMessage : user.mailOnStatusChange)

  const notification = await Notification.create(
    {
      userId: user?.id ?? null,
      demandId: demand.id,
      eventId: options.eventId ?? null,
      kind,
      toState: options.toState ?? null,
      mailWanted,
    },
    { client: trx }
  )
  // A request for information waits for the resident: those who opted in also get an SMS.
  if (user && kind === 'information_requested')
    await queueSms(trx, {
      userId: user.id,
      kind: 'demands.sms.kind',
      message: 'demands.sms.information_requested',
      data: {
        reference: demand.reference,
        link: `${parvisConfig.appUrl}/mon-espace/demandes/${demand.id}`,
      },
      subjectKey: `demand:${demand.id}`,
      idempotencyKey: `demand:${demand.id}:sms:n${notification.id}`,
    })
  if (mailWanted) {
    await enqueue(
      'mail_demand_updates',
      { demandId: demand.id },
      {
        client: trx,
        runAt: options.now,
        idempotencyKey: `demand-mail:${demand.id}:n${notification.id}`,
      }
    )
  }
  return notification
}
