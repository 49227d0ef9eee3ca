import { DateTime } from 'luxon'
import { parisDateAndTime } from '#core/services/paris_time'

/** VineJS gives JS dates; models keep Luxon dates. */
export function toDateTime(value: Date | DateTime | undefined | null) {
  if (!value) return null
  return value instanceof Date ? DateTime.fromJSDate(value) : value
}

/**
 * A date in Paris time, as pages show it: `dd/MM/yyyy`, or `dd/MM/yyyy à
 * HH:mm`. Same text as Luxon's `setZone('Europe/Paris').toFormat(…)`, which
 * builds two DateTimes and asks Intl for the zone's offset for each value: a
 * tenth of the agents' inbox CPU (50 rows, several dates each). Here it is
 * the wall clock of paris_time.ts (a memoized offset), read field by field. Takes a
 * Luxon DateTime or an instant in epoch milliseconds (lists read without
 * models, such as the inbox).
 */
export function formatParisDate(
  value: DateTime | number | null | undefined,
  kind: 'date' | 'datetime'
) {
  if (value === null || value === undefined) return ''
  let at: number
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ''
    at = value
  } else {
    if (!value.isValid) return value.toString()
    at = value.toMillis()
  }
  const { date, time } = parisDateAndTime(at)
  return kind === 'date' ? date : `${date} à ${time}`
}
