import type { DateTime } from 'luxon'
import { CITY_ZONE } from '#core/clock'

/** ISO 8601 with the city's offset (`2026-03-02T09:30:00.000+01:00`), null stays null. */
export function iso(value: DateTime | null | undefined) {
  return value ? value.setZone(CITY_ZONE).toISO() : null
}
