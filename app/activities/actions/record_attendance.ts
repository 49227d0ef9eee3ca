import db from '@adonisjs/lucid/services/db'
import ActivityRegistration from '../models/activity_registration.js'

/**
 * A day's attendance of a session: those ticked were there, everyone else
 * with a place was not. One transaction: the register is saved whole or not
 * at all.
 */
export default async function recordAttendance(
  sessionId: number,
  day: string,
  present: Set<number>
) {
  await db.transaction(async (trx) => {
    const placed = await ActivityRegistration.query({ client: trx })
      .where('sessionId', sessionId)
      .where('status', 'placed')
      .forUpdate()
    for (const registration of placed) {
      registration.attendance = { ...registration.attendance, [day]: present.has(registration.id) }
      await registration.useTransaction(trx).save()
    }
  })
}
