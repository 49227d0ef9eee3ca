import db from '@adonisjs/lucid/services/db'
import RegisterEntry from '../models/register_entry.js'

/**
 * Removes a registration and every call logged about it: on the resident's
 * request (their own registrations only) or an agent's (a request by phone,
 * a move, a death). Returns false when there is no such registration for them.
 */
export default class RemoveRegistration {
  async handle(id: number, owner?: { userId: number }) {
    return db.transaction(async (trx) => {
      const query = RegisterEntry.query({ client: trx }).where('id', id)
      if (owner) query.where('userId', owner.userId)
      const entry = await query.forUpdate().first()
      if (!entry) return false
      await trx.from('social_alert_calls').where('entry_id', entry.id).delete()
      await entry.delete()
      return true
    })
  }
}
