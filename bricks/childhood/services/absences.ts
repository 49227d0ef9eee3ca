import { DateTime } from 'luxon'
import Absence from '../models/absence.js'

const ZONE = 'Europe/Paris'

/** The days from `startsOn` to `endsOn` (both included, YYYY-MM-DD) that fall in `month` (YYYY-MM). */
export function daysInMonth(range: { startsOn: string; endsOn: string }, month: string) {
  const first = DateTime.fromISO(`${month}-01`, { zone: ZONE })
  const last = first.endOf('month').toISODate()!
  const from = range.startsOn > first.toISODate()! ? range.startsOn : first.toISODate()!
  const to = range.endsOn < last ? range.endsOn : last
  const days: string[] = []
  for (
    let day = DateTime.fromISO(from, { zone: ZONE });
    day.toISODate()! <= to;
    day = day.plus({ days: 1 })
  )
    days.push(day.toISODate()!)
  return days
}

/**
 * The days of `month` each child is absent, from every absence recorded or
 * declared for them that overlaps the month, read in one query per thousand
 * children: child id → YYYY-MM-DD days.
 */
export async function absentDaysOf(childIds: number[], month: string) {
  const first = `${month}-01`
  const last = DateTime.fromISO(first, { zone: ZONE }).endOf('month').toISODate()!
  const days = new Map<number, string[]>()
  for (let start = 0; start < childIds.length; start += 1000) {
    const absences = await Absence.query()
      .whereIn('householdMemberId', childIds.slice(start, start + 1000))
      .where('startsOn', '<=', last)
      .where('endsOn', '>=', first)
    for (const absence of absences)
      days.set(absence.householdMemberId, [
        ...(days.get(absence.householdMemberId) ?? []),
        ...daysInMonth(absence, month),
      ])
  }
  return days
}

/**
 * The last moment a family may declare an absence starting on `day` online:
 * midnight (Paris) of that day minus the notice the city set.
 */
export function declarationDeadline(day: string, noticeHours: number) {
  return DateTime.fromISO(day, { zone: ZONE }).startOf('day').minus({ hours: noticeHours })
}

/**
 * A canteen registration as the count of meals sees it: its weekdays, and
 * its absences typed day by day plus the days of the child's absences
 * (from absentDaysOf).
 */
export function withAbsences(
  registration: { householdMemberId: number; weekdays: number[]; absences: string[] },
  absent: Map<number, string[]>
) {
  return {
    weekdays: registration.weekdays,
    absences: [...registration.absences, ...(absent.get(registration.householdMemberId) ?? [])],
  }
}
