import { DateTime } from 'luxon'

/** VineJS gives JS dates; models keep Luxon dates. */
export function toDateTime(value: Date | DateTime | undefined | null) {
  if (!value) return null
  return value instanceof Date ? DateTime.fromJSDate(value) : value
}

const PARIS_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
})
const HOUR_MS = 3_600_000

/* Paris' offset from UTC, per hour since 1970 (it changes only on the hour, at 01:00 UTC). */
const parisOffsets = new Map<number, number>()

function parisOffsetMs(ms: number) {
  const hour = Math.floor(ms / HOUR_MS)
  let offset = parisOffsets.get(hour)
  if (offset === undefined) {
    const parts: Record<string, number> = {}
    for (const part of PARIS_PARTS.formatToParts(hour * HOUR_MS))
      if (part.type !== 'literal') parts[part.type] = Number(part.value)
    offset =
      Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - hour * HOUR_MS
    if (parisOffsets.size > 50_000) parisOffsets.clear()
    parisOffsets.set(hour, offset)
  }
  return offset
}

const pad = (value: number) => String(value).padStart(2, '0')

/**
 * A date in Paris time, as pages show it: `dd/MM/yyyy`, or `dd/MM/yyyy à
 * HH:mm`. Same text as Luxon's `setZone('Europe/Paris').toFormat(…)`, which
 * builds two DateTimes and asks Intl for the zone's offset for each value: a
 * tenth of the agents' inbox CPU (50 rows, several dates each). Here the
 * offset is asked once per hour of time and the rest is arithmetic.
 */
export function formatParisDate(value: DateTime | null | undefined, kind: 'date' | 'datetime') {
  if (!value) return ''
  if (!value.isValid) return value.toString()
  const ms = value.toMillis()
  const local = new Date(ms + parisOffsetMs(ms))
  const day = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${String(local.getUTCFullYear()).padStart(4, '0')}`
  if (kind === 'date') return day
  return `${day} à ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
}
