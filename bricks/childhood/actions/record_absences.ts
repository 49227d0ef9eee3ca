import type CanteenRegistration from '../models/canteen_registration.js'

/** The month's absences of a canteen registration, replacing those typed before for that month. */
export default class RecordAbsences {
  async handle(registration: CanteenRegistration, month: string, days: string[]) {
    registration.absences = [
      ...registration.absences.filter((day) => !day.startsWith(month)),
      ...new Set(days),
    ].sort()
    await registration.save()
  }
}
