import { DateTime } from 'luxon'

/**
 * French public holidays and working days, for SLA deadlines and agendas.
 * Metropolitan France has 11 holidays: 8 fixed dates and 3 that follow
 * Easter; Alsace-Moselle adds Good Friday and 26 December.
 */
export type HolidayRegion = 'metropole' | 'alsace_moselle'

const ZONE = 'Europe/Paris'

/** Easter Sunday of a Gregorian year (Meeus/Jones/Butcher computus). */
export function easterSunday(year: number): DateTime {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return DateTime.fromObject({ year, month, day }, { zone: ZONE })
}

const cache = new Map<string, Map<string, string>>()

/** The public holidays of a year: ISO date → French name. */
export function publicHolidays(
  year: number,
  region: HolidayRegion = 'metropole'
): Map<string, string> {
  const cacheKey = `${year}-${region}`
  const cached = cache.get(cacheKey)
  if (cached) return cached
  const easter = easterSunday(year)
  const fixed = (month: number, day: number) =>
    DateTime.fromObject({ year, month, day }, { zone: ZONE }).toISODate()!
  const days: [string, string][] = [
    [fixed(1, 1), 'Jour de l’an'],
    [easter.plus({ days: 1 }).toISODate()!, 'Lundi de Pâques'],
    [fixed(5, 1), 'Fête du Travail'],
    [fixed(5, 8), 'Victoire 1945'],
    [easter.plus({ days: 39 }).toISODate()!, 'Ascension'],
    [easter.plus({ days: 50 }).toISODate()!, 'Lundi de Pentecôte'],
    [fixed(7, 14), 'Fête nationale'],
    [fixed(8, 15), 'Assomption'],
    [fixed(11, 1), 'Toussaint'],
    [fixed(11, 11), 'Armistice 1918'],
    [fixed(12, 25), 'Noël'],
  ]
  if (region === 'alsace_moselle') {
    days.push(
      [easter.minus({ days: 2 }).toISODate()!, 'Vendredi saint'],
      [fixed(12, 26), 'Saint-Étienne']
    )
  }
  const holidays = new Map(days.sort(([first], [second]) => first.localeCompare(second)))
  cache.set(cacheKey, holidays)
  return holidays
}

export function isPublicHoliday(date: DateTime, region: HolidayRegion = 'metropole') {
  const local = date.setZone(ZONE)
  return publicHolidays(local.year, region).has(local.toISODate()!)
}

/** Monday to Friday, not a public holiday. */
export function isWorkingDay(date: DateTime, region: HolidayRegion = 'metropole') {
  const local = date.setZone(ZONE)
  return local.weekday <= 5 && !isPublicHoliday(local, region)
}

/**
 * The date `count` working days after `start` (the day of `start` itself is
 * not counted), e.g. an answer due 10 working days after submission.
 */
export function addWorkingDays(
  start: DateTime,
  count: number,
  region: HolidayRegion = 'metropole'
) {
  let date = start.setZone(ZONE).startOf('day')
  let left = count
  while (left > 0) {
    date = date.plus({ days: 1 })
    if (isWorkingDay(date, region)) left--
  }
  return date
}
