import { IANAZone, Settings } from 'luxon'
import { CITY_ZONE } from '#core/clock'

/*
 * Paris wall-clock arithmetic in plain milliseconds and calendar days
 * (`YYYY-MM-DD`), for the hot paths: the slot engine, the slot picker and the
 * dates of long lists. Asking Luxon (hence Intl) for the zone's offset costs
 * microseconds per call, and every Luxon DateTime in the Paris zone asks it
 * again (a 90-day slot search asked tens of thousands of times). Paris
 * changes offset only on a whole UTC hour (01:00 UTC since 1996, whole hours
 * before), so the offset is memoized per UTC hour and Intl is asked about
 * once per hour of the calendar ever looked at.
 */

const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
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

const pad2 = (value: number) => (value < 10 ? `0${value}` : `${value}`)

/**
 * An instant as a Date whose UTC fields (getUTCHours()…) are Paris's wall
 * clock; read with getUTC*, never with the local getters.
 */
export function parisFields(at: number) {
  return new Date(at + parisOffset(at) * MINUTE)
}

/**
 * Paris wall-clock time of an instant as `yyyy-MM-ddTHH:mm` (what Luxon's
 * toFormat gives), from the fields: a sixth of the time of toISOString()
 * and slicing, which the lists' dates did for each value.
 */
export function parisWallClock(at: number) {
  const local = parisFields(at)
  const year = local.getUTCFullYear()
  if (year < 1000 || year > 9999) return local.toISOString().slice(0, 16)
  return `${year}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`
}

/** `dd/MM/yyyy` and `HH:mm` of an instant in Paris, as pages print them. */
export function parisDateAndTime(at: number) {
  const local = parisFields(at)
  const year = local.getUTCFullYear()
  return {
    date: `${pad2(local.getUTCDate())}/${pad2(local.getUTCMonth() + 1)}/${year < 1000 ? String(year).padStart(4, '0') : year}`,
    time: `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`,
  }
}

/** The Paris calendar day (`YYYY-MM-DD`) of an instant. */
export function parisDay(at: number) {
  return parisWallClock(at).slice(0, 10)
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

/*
 * Calendar days as `YYYY-MM-DD` text: comparing two of them as strings
 * compares the days, and the arithmetic below is on the calendar, with no
 * zone involved.
 */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** UTC midnight of a calendar day, or NaN when the text is not a real day (`2026-02-30`). */
function dayMs(day: string) {
  if (!ISO_DAY.test(day)) return Number.NaN
  const at = Date.parse(`${day}T00:00:00Z`)
  return Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== day ? Number.NaN : at
}

/** Whether the text is a real calendar day as `YYYY-MM-DD`. */
export function isCalendarDay(day: string) {
  return !Number.isNaN(dayMs(day))
}

/** The calendar day `days` after (or before, when negative) this one. */
export function addDays(day: string, days: number) {
  return new Date(dayMs(day) + days * DAY).toISOString().slice(0, 10)
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function weekdayOf(day: string) {
  return new Date(dayMs(day)).getUTCDay() || 7
}

/** The Monday of that day's week. */
export function mondayOf(day: string) {
  return addDays(day, 1 - weekdayOf(day))
}

/** Year, month (1–12) and day of the month of a calendar day. */
export function dayParts(day: string) {
  const date = new Date(dayMs(day))
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, date: date.getUTCDate() }
}
