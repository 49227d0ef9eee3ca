import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ActivityRegistration from '../models/activity_registration.js'
import { lockSession, promoteWaiting, type PromotionNotice } from '../services/places.js'

/**
 * A registration ends (cancelled by who registered, or refused by an
 * agent): when it held places, those waiting get them in order, in the same
 * transaction, and each is told through the owner's `notice`.
 */
export default async function endRegistration(
  id: number,
  status: 'cancelled' | 'refused',
  notice?: PromotionNotice,
  client?: TransactionClientContract
) {
  const run = async (trx: TransactionClientContract) => {
    const current = await ActivityRegistration.query({ client: trx }).where('id', id).firstOrFail()
    const session = await lockSession(trx, current.sessionId)
    const registration = await ActivityRegistration.query({ client: trx })
      .where('id', id)
      .firstOrFail()
    if (registration.status === 'cancelled' || registration.status === 'refused')
      return { registration, promoted: [] as ActivityRegistration[] }
    const hadPlace = registration.status === 'placed'
    registration.useTransaction(trx)
    registration.status = status
    await registration.save()
    const promoted = hadPlace ? await promoteWaiting(trx, session, notice) : []
    return { registration, promoted }
  }
  return client ? run(client) : db.transaction(run)
}
