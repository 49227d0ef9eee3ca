import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { lockSession, promoteWaiting, type PromotionNotice } from '../services/places.js'

/**
 * After a session gets more places: those waiting get them in order of
 * registration, in the caller's transaction (the session row locked), and
 * each is told through the owner's `notice`.
 */
export default async function fillFreedPlaces(
  trx: TransactionClientContract,
  sessionId: number,
  notice?: PromotionNotice
) {
  const session = await lockSession(trx, sessionId)
  return promoteWaiting(trx, session, notice)
}
