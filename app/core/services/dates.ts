import { DateTime } from 'luxon'

/** VineJS gives JS dates; models keep Luxon dates. */
export function toDateTime(value: Date | DateTime | undefined | null) {
  if (!value) return null
  return value instanceof Date ? DateTime.fromJSDate(value) : value
}

const PARIS_PARTS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/**
 * A date in Paris time, as pages show it: `dd/MM/yyyy`, or `dd/MM/yyyy à
 * HH:mm`. Same text as Luxon's `setZone('Europe/Paris').toFormat(…)`, which
 * builds two DateTimes and computes the zone's offset for each value: a tenth
 * of the agents' inbox CPU (50 rows, several dates each). One shared
 * Intl.DateTimeFormat does it here.
 */
export function formatParisDate(value: DateTime | null | undefined, kind: 'date' | 'datetime') {
  if (!value) return ''
  if (!value.isValid) return value.toString()
  const parts: Record<string, string> = {}
  for (const part of PARIS_PARTS.formatToParts(value.toMillis())) parts[part.type] = part.value
  const day = `${parts.day}/${parts.month}/${parts.year}`
  return kind === 'date' ? day : `${day} à ${parts.hour}:${parts.minute}`
}
