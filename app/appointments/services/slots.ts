import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import Closure from '#appointments/models/closure'
import { isPublicHoliday } from '#core/services/french_calendar'
import { dbTimestamp } from '#core/database/dialect'

export const ZONE = 'Europe/Paris'
/** Bookings occupy time in units of this many minutes (durations must be multiples of it). */
export const UNIT_MINUTES = 5

export interface Slot {
  /** UTC instants */
  start: DateTime
  end: DateTime
  /** desks free for the whole slot, in order */
  freeDesks: number[]
}

export interface SlotInput {
  point: Pick<MeetingPoint, 'id' | 'desks'>
  type: Pick<MeetingType, 'durationMinutes' | 'minDelayHours' | 'maxDelayDays'> & { durationFor(persons: number): number }
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

function atParis(date: DateTime, time: string) {
  const [hour, minute] = time.split(':').map(Number)
  // Wall-clock time of that Paris day: Luxon applies the offset of that very day (CET or CEST).
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone: ZONE })
}

function closedAt(input: SlotInput, day: DateTime, start: DateTime, end: DateTime) {
  const iso = day.toISODate()!
  return input.closures.some((closure) => {
    if (closure.meetingPointId !== null && closure.meetingPointId !== input.point.id) return false
    if (iso < closure.startsOn || iso > closure.endsOn) return false
    if (!closure.startsAt || !closure.endsAt) return true
    return start < atParis(day, closure.endsAt) && end > atParis(day, closure.startsAt)
  })
}

/** Unit starts (epoch ms) covered by [start, end). */
export function unitsOf(start: DateTime, end: DateTime) {
  const units: number[] = []
  for (let at = start.toMillis(); at < end.toMillis(); at += UNIT_MINUTES * 60_000) units.push(at)
  return units
}

/**
 * The free slots of a meeting point for a meeting type and a number of
 * persons: the weekly ranges of each desk cut into steps of the type's base
 * duration, minus public holidays, closures, the minimum and maximum booking
 * delays and the time already booked at each desk. Works in Paris wall-clock
 * time, so 09:00 stays 09:00 across daylight-saving changes; returns UTC.
 */
export function computeSlots(input: SlotInput): Slot[] {
  const need = input.type.durationFor(input.persons)
  const step = input.type.durationMinutes
  const earliest = input.now.plus({ hours: input.type.minDelayHours })
  const latest = input.now.plus({ days: input.type.maxDelayDays })
  const byStart = new Map<number, Slot>()
  const last = DateTime.fromISO(input.to, { zone: ZONE })
  for (let day = DateTime.fromISO(input.from, { zone: ZONE }); day <= last; day = day.plus({ days: 1 })) {
    if (isPublicHoliday(day)) continue
    for (const range of input.ranges.filter((candidate) => candidate.weekday === day.weekday)) {
      const desks = range.desk === null ? Array.from({ length: input.point.desks }, (_, index) => index + 1) : [range.desk]
      const rangeEnd = atParis(day, range.endsAt)
      for (let start = atParis(day, range.startsAt); start.plus({ minutes: need }) <= rangeEnd; start = start.plus({ minutes: step })) {
        const end = start.plus({ minutes: need })
        if (start < earliest || start > latest) continue
        if (closedAt(input, day, start, end)) continue
        const units = unitsOf(start, end)
        for (const desk of desks) {
          if (desk > input.point.desks) continue
          const taken = input.occupied.get(desk)
          if (taken && units.some((unit) => taken.has(unit))) continue
          const key = start.toMillis()
          const slot = byStart.get(key) ?? { start: start.toUTC(), end: end.toUTC(), freeDesks: [] }
          if (!slot.freeDesks.includes(desk)) slot.freeDesks.push(desk)
          byStart.set(key, slot)
        }
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.start.toMillis() - b.start.toMillis()).map((slot) => ({ ...slot, freeDesks: slot.freeDesks.sort((a, b) => a - b) }))
}

/** Loads what computeSlots needs from the database, for a range of Paris days. */
export async function availableSlots(point: MeetingPoint, type: MeetingType, persons: number, from: string, to: string, now: DateTime = DateTime.now()) {
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
    const at = row.starts_at instanceof Date ? row.starts_at.getTime() : DateTime.fromSQL(String(row.starts_at), { zone: 'utc' }).toMillis()
    if (!occupied.has(row.desk)) occupied.set(row.desk, new Set())
    occupied.get(row.desk)!.add(at)
  }
  return computeSlots({ point, type, persons, from, to, now, ranges, closures, occupied })
}
