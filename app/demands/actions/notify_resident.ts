import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#accounts/models/user'
import type Demand from '#demands/models/demand'
import Notification, { type NotificationKind } from '#demands/models/notification'
import { enqueue } from '#jobs/enqueue'

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
