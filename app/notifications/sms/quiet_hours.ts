import type { DateTime } from 'luxon'
import { CITY_ZONE } from '#core/clock'

/**
 * Quiet hours on the city's wall clock, from `from` o'clock to `until`
 * o'clock (20 to 8: the night; the same hour twice: none).
 */
export function inQuietHours(at: DateTime, from: number, until: number) {
  if (from === until) return false
  const hour = at.setZone(CITY_ZONE).hour
  return from > until ? hour >= from || hour < until : hour >= from && hour < until
}

/** `at` itself outside quiet hours, otherwise the moment they end. */
export function outsideQuietHours(at: DateTime, from: number, until: number): DateTime {
  if (!inQuietHours(at, from, until)) return at
  const local = at.setZone(CITY_ZONE)
  let end = local.set({ hour: until, minute: 0, second: 0, millisecond: 0 })
  if (end <= local) end = end.plus({ days: 1 })
  return end.toUTC()
}
