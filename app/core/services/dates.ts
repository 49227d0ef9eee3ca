import { DateTime } from 'luxon'

/** VineJS gives JS dates; models keep Luxon dates. */
export function toDateTime(value: Date | DateTime | undefined | null) {
  if (!value) return null
  return value instanceof Date ? DateTime.fromJSDate(value) : value
}
