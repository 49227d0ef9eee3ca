import { activitiesEngine } from '#activities/engine'
import type ActivitySession from '../models/activity_session.js'

/**
 * A day's attendance of a session: the children ticked were there, every
 * other child with a place was not (the activities engine's register).
 */
export default class RecordAttendance {
  async handle(session: ActivitySession, day: string, present: Set<number>) {
    await activitiesEngine.recordAttendance(session.id, day, present)
  }
}
