import { DateTime } from 'luxon'
import { parisOffset } from '#core/services/paris_time'

/** VineJS gives JS dates; models keep Luxon dates. */
export function toDateTime(value: Date | DateTime | undefined | null) {
  if (!value) return null
  return value instanceof Date ? DateTime.fromJSDate(value) : value
}

const pad = (value: number) => String(value).padStart(2, '0')

/**
 * A date in Paris time, as pages show it: `dd/MM/yyyy`, or `dd/MM/yyyy à
 * HH:mm`. Same text as Luxon's `setZone('Europe/Paris').toFormat(…)`, which
 * builds two DateTimes and asks Intl for the zone's offset for each value: a
 * tenth of the agents' inbox CPU (50 rows, several dates each). Here the
 * offset comes from the memo of paris_time.ts and the rest is arithmetic.
 */
export function formatParisDate(value: DateTime | null | undefined, kind: 'date' | 'datetime') {
  if (!value) return ''
  if (!value.isValid) return value.toString()
  const ms = value.toMillis()
  const local = new Date(ms + parisOffset(ms) * 60_000)
  const day = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${String(local.getUTCFullYear()).padStart(4, '0')}`
  if (kind === 'date') return day
  return `${day} à ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
}
