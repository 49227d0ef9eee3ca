import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import Closure from '#appointments/models/closure'
import { isPublicHoliday } from '#core/services/french_calendar'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

export const ZONE = 'Europe/Paris'
/** Bookings occupy time in units of this many minutes (durations must be multiples of it). */
export const UNIT_MINUTES = 5

export interface Slot {
  /** UTC instants */
  start: DateTime
  end: DateTime
  /** the Paris calendar day of the start (YYYY-MM-DD) */
  day: string
  /** desks free for the whole slot, in order */
  freeDesks: number[]
}

export interface SlotInput {
  point: Pick<MeetingPoint, 'id' | 'desks'>
  type: Pick<MeetingType, 'durationMinutes' | 'minDelayHours' | 'maxDelayDays'> & {
    durationFor(persons: number): number
  }
  persons: number
  /** first and last day, Paris calendar dates (YYYY-MM-DD) */
  from: string
  to: string
  now: DateTime
  ranges: Pick<OpeningRange, 'desk' | 'weekday' | 'startsAt' | 'endsAt'>[]
  closures: Pick<Closure, 'meetingPointId' | 'startsOn' | 'endsOn' | 'startsAt' | 'endsAt'>[]
  /** occupied unit starts (epoch ms), per desk */
  occupied: Map<number, Set<number>>
}

const MINUTE = 60_000

/** Epoch milliseconds of a Paris wall-clock time on that Paris day (Luxon applies that day's offset, CET or CEST). */
function atParis(day: DateTime, time: string) {
  const [hour, minute] = time.split(':').map(Number)
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: ZONE }
  ).toMillis()
}

/** Unit starts (epoch ms) covered by [start, end). */
export function unitsOf(start: DateTime | number, end: DateTime | number) {
  const from = typeof start === 'number' ? start : start.toMillis()
  const to = typeof end === 'number' ? end : end.toMillis()
  const units: number[] = []
  for (let at = from; at < to; at += UNIT_MINUTES * MINUTE) units.push(at)
  return units
}

/**
 * The free slots of a meeting point for a meeting type and a number of
 * persons: the weekly ranges of each desk cut into steps of the type's base
 * duration, minus public holidays, closures, the minimum and maximum booking
 * delays and the time already booked at each desk. Range bounds are Paris
 * wall-clock times, so 09:00 stays 09:00 across daylight-saving changes;
 * inside a range, slots follow real elapsed time. Time zone arithmetic is
 * done once per range and day (it is the costly part), the rest in
 * milliseconds. Returns UTC instants.
 */
export function computeSlots(input: SlotInput): Slot[] {
  const need = input.type.durationFor(input.persons) * MINUTE
  const step = input.type.durationMinutes * MINUTE
  const earliest = input.now.toMillis() + input.type.minDelayHours * 3_600_000
  const latest = input.now.toMillis() + input.type.maxDelayDays * 86_400_000
  const byStart = new Map<number, Slot>()
  const last = DateTime.fromISO(input.to, { zone: ZONE })
  const closures = input.closures.filter(
    (closure) => closure.meetingPointId === null || closure.meetingPointId === input.point.id
  )
  for (
    let day = DateTime.fromISO(input.from, { zone: ZONE });
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    if (isPublicHoliday(day)) continue
    const iso = day.toISODate()!
    const ranges = input.ranges.filter((candidate) => candidate.weekday === day.weekday)
    if (ranges.length === 0) continue
    const closedToday = closures.filter(
      (closure) => iso >= closure.startsOn && iso <= closure.endsOn
    )
    if (closedToday.some((closure) => !closure.startsAt || !closure.endsAt)) continue
    const closedSpans = closedToday.map((closure) => [
      atParis(day, closure.startsAt!),
      atParis(day, closure.endsAt!),
    ])
    for (const range of ranges) {
      const desks =
        range.desk === null
          ? Array.from({ length: input.point.desks }, (_, index) => index + 1)
          : [range.desk]
      const rangeEnd = atParis(day, range.endsAt)
      for (let start = atParis(day, range.startsAt); start + need <= rangeEnd; start += step) {
        const end = start + need
        if (start < earliest || start > latest) continue
        if (closedSpans.some(([from, to]) => start < to && end > from)) continue
        const units = unitsOf(start, end)
        for (const desk of desks) {
          if (desk > input.point.desks) continue
          const taken = input.occupied.get(desk)
          if (taken && units.some((unit) => taken.has(unit))) continue
          const slot = byStart.get(start) ?? {
            start: DateTime.fromMillis(start, { zone: 'utc' }),
            end: DateTime.fromMillis(end, { zone: 'utc' }),
            day: iso,
            freeDesks: [],
          }
          if (!slot.freeDesks.includes(desk)) slot.freeDesks.push(desk)
          byStart.set(start, slot)
        }
      }
    }
  }
  return [...byStart.values()]
    .sort((a, b) => a.start.toMillis() - b.start.toMillis())
    .map((slot) => ({ ...slot, freeDesks: slot.freeDesks.sort((a, b) => a - b) }))
}

/** Loads what computeSlots needs from the database, for a range of Paris days. */
export async function availableSlots(
  point: MeetingPoint,
  type: MeetingType,
  persons: number,
  from: string,
  to: string,
  now: DateTime = clock.now()
) {
  const client = db.connection()
  const ranges = await OpeningRange.query().where('meetingPointId', point.id)
  const closures = await Closure.query()
    .where((query) => query.where('meetingPointId', point.id).orWhereNull('meetingPointId'))
    .where('startsOn', '<=', to)
    .where('endsOn', '>=', from)
  const windowStart = DateTime.fromISO(from, { zone: ZONE }).startOf('day')
  const windowEnd = DateTime.fromISO(to, { zone: ZONE }).plus({ days: 1 }).startOf('day')
  const rows = await db
    .from('appointment_units')
    .where('meeting_point_id', point.id)
    .where('starts_at', '>=', dbTimestamp(windowStart.toUTC(), client))
    .where('starts_at', '<', dbTimestamp(windowEnd.toUTC(), client))
    .select('desk', 'starts_at')
  const occupied = new Map<number, Set<number>>()
  for (const row of rows) {
    const at =
      row.starts_at instanceof Date
        ? row.starts_at.getTime()
        : DateTime.fromSQL(String(row.starts_at), { zone: 'utc' }).toMillis()
    if (!occupied.has(row.desk)) occupied.set(row.desk, new Set())
    occupied.get(row.desk)!.add(at)
  }
  return computeSlots({ point, type, persons, from, to, now, ranges, closures, occupied })
}
