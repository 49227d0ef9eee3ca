import Absence from '../models/absence.js'

/** The family's absences not over yet (last day today or later), soonest first, with the child. */
export async function upcomingFamilyAbsences(userId: number, today: string) {
  return Absence.query()
    .where('userId', userId)
    .where('endsOn', '>=', today)
    .preload('child')
    .orderBy('startsOn')
    .orderBy('id')
}

/** A child's absences, latest first (a few a year: the record shows them all). */
export async function childAbsences(childId: number) {
  return Absence.query()
    .where('householdMemberId', childId)
    .orderBy('startsOn', 'desc')
    .orderBy('id', 'desc')
}
