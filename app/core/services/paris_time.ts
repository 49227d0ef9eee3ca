import { IANAZone, Settings } from 'luxon'
import { CITY_ZONE } from '#core/clock'

/*
 * Paris wall-clock arithmetic in plain milliseconds, for the slot engine's hot
 * paths. Asking Luxon (hence Intl) for the zone's offset costs microseconds per
 * call, and a 90-day search over four meeting points asked it tens of
 * thousands of times. Paris changes offset only on a whole UTC hour (01:00 UTC
 * since 1996, whole hours before), so the offset is memoized per UTC hour and
 * Intl is asked about once per hour of the calendar ever looked at.
 */

const MINUTE = 60_000
const HOUR = 3_600_000
const zone = IANAZone.create(CITY_ZONE)
const offsets = new Map<number, number>()

/** Paris's UTC offset in minutes at that instant (epoch ms), e.g. 60 in winter, 120 in summer. */
export function parisOffset(at: number) {
  const hour = Math.floor(at / HOUR)
  let offset = offsets.get(hour)
  if (offset === undefined) {
    // A server running for years looks at a few thousand hours: bound it all the same.
    if (offsets.size >= 200_000) offsets.clear()
    offset = zone.offset(hour * HOUR)
    offsets.set(hour, offset)
  }
  return offset
}

/** Paris wall-clock time of an instant as `yyyy-MM-ddTHH:mm` (what Luxon's toFormat gives). */
export function parisWallClock(at: number) {
  return new Date(at + parisOffset(at) * MINUTE).toISOString().slice(0, 16)
}

/**
 * Epoch ms of a Paris wall-clock time (`HH:mm`) on a Paris day (`YYYY-MM-DD`),
 * resolved as Luxon's DateTime.fromObject does: the offset of now is tried
 * first, then corrected; a time skipped in spring moves forward, a time seen
 * twice in autumn takes the offset of now if it is one of the two.
 */
export function parisInstant(day: string, time: string) {
  const [year, month, date] = day.split('-').map(Number)
  const [hour, minute] = time.split(':').map(Number)
  const local = Date.UTC(year, month - 1, date, hour, minute)
  const provisional = parisOffset(Settings.now())
  let guess = local - provisional * MINUTE
  const second = parisOffset(guess)
  if (second === provisional) return guess
  guess -= (second - provisional) * MINUTE
  const third = parisOffset(guess)
  if (second === third) return guess
  return local - Math.min(second, third) * MINUTE
}
