import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { lockForUpdate } from '#core/database/dialect'
import ActivitySession from '../models/activity_session.js'
import ActivityRegistration from '../models/activity_registration.js'

/** What a module does when someone waiting gets a place (tell them), in the same transaction. */
export type PromotionNotice = (
  trx: TransactionClientContract,
  registration: ActivityRegistration,
  session: ActivitySession
) => Promise<void>

export class RegistrationRefusedError extends Error {
  constructor(public reason: string) {
    super(`Registration refused: ${reason}`)
  }
}

/** Places taken in a session: the seats of every registration with a place. */
export async function placedSeats(trx: TransactionClientContract, sessionId: number) {
  const rows = await ActivityRegistration.query({ client: trx })
    .where('sessionId', sessionId)
    .where('status', 'placed')
    .sum('seats as total')
  return Number(rows[0].$extras.total ?? 0)
}

/** The session row, locked so that two registrations cannot take the last place together. */
export function lockSession(trx: TransactionClientContract, sessionId: number) {
  return lockForUpdate(
    ActivitySession.query({ client: trx }).where('id', sessionId).preload('activity'),
    trx
  ).firstOrFail()
}

/**
 * Gives the free places of a locked session to those waiting, in order of
 * registration; someone whose seats do not fit stays first in line (no one
 * jumps the queue). Each promoted person is told through `notice`.
 */
export async function promoteWaiting(
  trx: TransactionClientContract,
  session: ActivitySession,
  notice?: PromotionNotice
) {
  let free = session.capacity - (await placedSeats(trx, session.id))
  const promoted: ActivityRegistration[] = []
  if (free <= 0) return promoted
  const waiting = await ActivityRegistration.query({ client: trx })
    .where('sessionId', session.id)
    .where('status', 'waiting')
    .orderBy('id')
  for (const registration of waiting) {
    if (registration.seats > free) break
    registration.useTransaction(trx)
    registration.status = 'placed'
    await registration.save()
    free -= registration.seats
    promoted.push(registration)
    if (notice) await notice(trx, registration, session)
    if (free <= 0) break
  }
  return promoted
}
