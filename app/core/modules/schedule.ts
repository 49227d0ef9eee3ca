import { DateTime } from 'luxon'
import { CITY_ZONE } from '#core/clock'

/**
 * When a recurring job is due, written the way a person says it, on the
 * city's wall clock:
 *   'every 5 minutes' · 'hourly' · 'hourly :15' · 'daily 03:30' ·
 *   'weekly monday 07:00' · 'monthly 1 06:00'
 */
export type Every = string

export interface Cadence {
  lastDue(now: DateTime): DateTime
  nextDue(now: DateTime): DateTime
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']

function clockTime(text: string, every: string) {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text)
  if (!match) throw new Error(`Schedule "${every}": "${text}" is not a time of day (HH:MM)`)
  return { hour: Number(match[1]), minute: Number(match[2]) }
}

/**
 * Reads an `every` expression once (a typo fails the boot, not the night
 * run). Due times are computed in Paris time, so 'daily 03:30' stays 03:30
 * across DST changes (on the spring night, when 02:00–03:00 does not exist,
 * a time in that hour runs at the first moment after it).
 */
export function parseEvery(every: Every): Cadence {
  const words = every.trim().toLowerCase().split(/\s+/)
  const minutes = /^every (\d+) minutes?$/.exec(words.join(' '))
  if (minutes) {
    const step = Number(minutes[1])
    if (step < 1 || step > 720) throw new Error(`Schedule "${every}": between 1 and 720 minutes`)
    const stepMs = step * 60_000
    return {
      lastDue: (now) => DateTime.fromMillis(Math.floor(now.toMillis() / stepMs) * stepMs),
      nextDue: (now) => DateTime.fromMillis((Math.floor(now.toMillis() / stepMs) + 1) * stepMs),
    }
  }
  if (words[0] === 'hourly' && words.length <= 2) {
    const minute = words[1] ? Number(/^:([0-5]\d)$/.exec(words[1])?.[1] ?? Number.NaN) : 0
    if (Number.isNaN(minute)) throw new Error(`Schedule "${every}": write 'hourly :MM'`)
    return calendar(
      (now) => now.setZone(CITY_ZONE).startOf('hour').set({ minute }),
      (due) => due.minus({ hours: 1 }),
      (due) => due.plus({ hours: 1 })
    )
  }
  if (words[0] === 'daily' && words.length === 2) {
    const time = clockTime(words[1], every)
    return calendar(
      (now) => now.setZone(CITY_ZONE).startOf('day').set(time),
      (due) => due.minus({ days: 1 }).set(time),
      (due) => due.plus({ days: 1 }).set(time)
    )
  }
  if (words[0] === 'weekly' && words.length === 3) {
    const weekday = WEEKDAYS.indexOf(words[1]) + 1
    if (weekday === 0)
      throw new Error(
        `Schedule "${every}": "${words[1]}" is not a day of the week (monday … sunday)`
      )
    const time = clockTime(words[2], every)
    return calendar(
      (now) =>
        now
          .setZone(CITY_ZONE)
          .startOf('week')
          .plus({ days: weekday - 1 })
          .set(time),
      (due) => due.minus({ weeks: 1 }).set(time),
      (due) => due.plus({ weeks: 1 }).set(time)
    )
  }
  if (words[0] === 'monthly' && words.length === 3) {
    const day = Number(words[1])
    if (!Number.isInteger(day) || day < 1 || day > 28)
      throw new Error(`Schedule "${every}": the day of the month is 1 to 28`)
    const time = clockTime(words[2], every)
    return calendar(
      (now) =>
        now
          .setZone(CITY_ZONE)
          .startOf('month')
          .set({ day, ...time }),
      (due) => due.minus({ months: 1 }).set({ day, ...time }),
      (due) => due.plus({ months: 1 }).set({ day, ...time })
    )
  }
  throw new Error(
    `Schedule "${every}" is not understood: write 'every N minutes', 'hourly', 'hourly :MM', 'daily HH:MM', 'weekly monday HH:MM' or 'monthly D HH:MM'`
  )
}

/** A cadence from the due time of the current period and steps back and forth. */
function calendar(
  current: (now: DateTime) => DateTime,
  previous: (due: DateTime) => DateTime,
  next: (due: DateTime) => DateTime
): Cadence {
  return {
    lastDue(now) {
      const due = current(now)
      return (due <= now ? due : previous(due)).toUTC()
    },
    nextDue(now) {
      const due = current(now)
      return (due > now ? due : next(due)).toUTC()
    },
  }
}
