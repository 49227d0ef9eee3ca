import db from '@adonisjs/lucid/services/db'
import type ActivitySession from '../models/activity_session.js'
import Registration from '../models/registration.js'

/**
 * A day's attendance of a session: the children ticked were there, every
 * other child with a place was not. One transaction: the register is saved
 * whole or not at all.
 */
export default class RecordAttendance {
  async handle(session: ActivitySession, day: string, present: Set<number>) {
    await db.transaction(async (trx) => {
      const placed = await Registration.query({ client: trx })
        .where('sessionId', session.id)
        .where('status', 'placed')
        .forUpdate()
      for (const registration of placed) {
        registration.attendance = {
          ...registration.attendance,
          [day]: present.has(registration.id),
        }
        await registration.useTransaction(trx).save()
      }
    })
  }
}
