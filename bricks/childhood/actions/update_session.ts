import db from '@adonisjs/lucid/services/db'
import ActivitySession from '../models/activity_session.js'
import { fillFreedPlaces } from '../services/registrations.js'

/**
 * The service corrects a session (label, dates, places). With more places,
 * the children waiting get them at once, in order, and their families are
 * told, in the same transaction; with fewer, no child loses a place.
 */
export default class UpdateSession {
  async handle(
    session: ActivitySession,
    input: { label: string; startsOn: string; endsOn: string; capacity: number }
  ) {
    await db.transaction(async (trx) => {
      session.useTransaction(trx)
      session.merge(input)
      await session.save()
      await fillFreedPlaces(trx, session.id)
    })
    return session
  }
}
