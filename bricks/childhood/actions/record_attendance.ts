import type ActivitySession from '../models/activity_session.js'
import Registration from '../models/registration.js'

/** A day's attendance of a session: the children ticked were there, every other child with a place was not. */
export default class RecordAttendance {
  async handle(session: ActivitySession, day: string, present: Set<number>) {
    for (const registration of await Registration.query()
      .where('sessionId', session.id)
      .where('status', 'placed')) {
      registration.attendance = { ...registration.attendance, [day]: present.has(registration.id) }
      await registration.save()
    }
  }
}
