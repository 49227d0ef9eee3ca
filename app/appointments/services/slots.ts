import { DateTime, FixedOffsetZone } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import Closure from '#appointments/models/closure'
import { publicHolidays } from '#core/services/french_calendar'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { addDays, parisInstant } from '#core/services/paris_time'

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
  /** UTC DateTimes already made, by epoch ms, shared by the points of one search */
  instants?: Map<number, DateTime>
}

const MINUTE = 60_000
const DAY = 86_400_000

/** Unit starts (epoch ms) covered by [start, end). */
export function unitsOf(start: DateTime | number, end: DateTime | number) {
  const from = typeof start === 'number' ? start : start.toMillis()
  const to = typeof end === 'number' ? end : end.toMillis()
  const units: number[] = []
  for (let at = from; at < to; at += UNIT_MINUTES * MINUTE) units.push(at)
  return units
}

/**
 * The UTC DateTime of an instant, made once per search: Luxon builds a Locale
 * for every DateTime (a few microseconds each), and the points of one search
 * share most of their slot bounds. DateTimes are immutable, so sharing is safe.
 */
function utcInstant(at: number, instants: Map<number, DateTime>) {
  let instant = instants.get(at)
  if (!instant) {
    instant = DateTime.fromMillis(at, { zone: FixedOffsetZone.utcInstance })
    instants.set(at, instant)
  }
  return instant
}

/** Whether a desk has any unit of [start, end) booked. */
function booked(taken: Set<number> | undefined, start: number, end: number) {
  if (!taken) return false
  for (let at = start; at < end; at += UNIT_MINUTES * MINUTE) if (taken.has(at)) return true
  return false
}

/** The Paris calendar days from `from` to `to`, with their ISO weekday (1 Monday … 7 Sunday). */
function* calendarDays(from: string, to: string) {
  const [first, last] = [from, to].map((day) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`))
  for (let at = first; at <= last; at += DAY) {
    const date = new Date(at)
    yield {
      iso: date.toISOString().slice(0, 10),
      year: date.getUTCFullYear(),
      weekday: date.getUTCDay() || 7,
    }
  }
}

/**
 * The free slots of a meeting point for a meeting type and a number of
 * persons: the weekly ranges of each desk cut into steps of the type's base
 * duration, minus public holidays, closures, the minimum and maximum booking
 * delays and the time already booked at each desk. Range bounds are Paris
 * wall-clock times, so 09:00 stays 09:00 across daylight-saving changes;
 * inside a range, slots follow real elapsed time. One pass over the days in
 * plain milliseconds: the days are calendar arithmetic, each range bound is
 * resolved once per day with the memoized Paris offset (see paris_time.ts),
 * and Luxon is only used to hand back the slots' UTC instants.
 */
export function computeSlots(input: SlotInput): Slot[] {
  const need = input.type.durationFor(input.persons) * MINUTE
  const step = input.type.durationMinutes * MINUTE
  const earliest = input.now.toMillis() + input.type.minDelayHours * 3_600_000
  const latest = input.now.toMillis() + input.type.maxDelayDays * 86_400_000
  const byStart = new Map<number, Slot>()
  const closures = input.closures.filter(
    (closure) => closure.meetingPointId === null || closure.meetingPointId === input.point.id
  )
  const instants = input.instants ?? new Map<number, DateTime>()
  const allDesks = Array.from({ length: input.point.desks }, (_, index) => index + 1)
  for (const { iso, year, weekday } of calendarDays(input.from, input.to)) {
    const ranges = input.ranges.filter((candidate) => candidate.weekday === weekday)
    if (ranges.length === 0 || publicHolidays(year).has(iso)) continue
    const closedToday = closures.filter(
      (closure) => iso >= closure.startsOn && iso <= closure.endsOn
    )
    if (closedToday.some((closure) => !closure.startsAt || !closure.endsAt)) continue
    const closedSpans = closedToday.map((closure) => [
      parisInstant(iso, closure.startsAt!),
      parisInstant(iso, closure.endsAt!),
    ])
    for (const range of ranges) {
      const desks = range.desk === null ? allDesks : [range.desk]
      const rangeEnd = parisInstant(iso, range.endsAt)
      for (let start = parisInstant(iso, range.startsAt); start + need <= rangeEnd; start += step) {
        const end = start + need
        if (start < earliest || start > latest) continue
        if (closedSpans.some(([from, to]) => start < to && end > from)) continue
        for (const desk of desks) {
          if (desk > input.point.desks || booked(input.occupied.get(desk), start, end)) continue
          let slot = byStart.get(start)
          if (!slot) {
            slot = {
              start: utcInstant(start, instants),
              end: utcInstant(end, instants),
              day: iso,
              freeDesks: [],
            }
            byStart.set(start, slot)
          }
          if (!slot.freeDesks.includes(desk)) slot.freeDesks.push(desk)
        }
      }
    }
  }
  return [...byStart.values()]
    .sort((a, b) => a.start.toMillis() - b.start.toMillis())
    .map((slot) => ({ ...slot, freeDesks: slot.freeDesks.sort((a, b) => a - b) }))
}

/** A stored UTC timestamp as epoch ms: a Date on PostgreSQL, `yyyy-MM-dd HH:mm:ss` on SQLite. */
function epochOf(value: unknown) {
  if (value instanceof Date) return value.getTime()
  const text = String(value)
  return SQLITE_TIMESTAMP.test(text)
    ? Date.parse(`${text.replace(' ', 'T')}Z`)
    : DateTime.fromSQL(text, { zone: 'utc' }).toMillis()
}
const SQLITE_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?$/

/**
 * Loads what computeSlots needs for several meeting points at once, for a
 * range of Paris days: three queries whatever the number of points and days
 * (opening ranges, closures, booked units of the whole range).
 */
async function loadAgendas(pointIds: number[], from: string, to: string) {
  const client = db.connection()
  const ranges = await OpeningRange.query().whereIn('meetingPointId', pointIds)
  const closures = await Closure.query()
    .where((query) => query.whereIn('meetingPointId', pointIds).orWhereNull('meetingPointId'))
    .where('startsOn', '<=', to)
    .where('endsOn', '>=', from)
  // Paris midnights, as UTC instants (no DateTime in the Paris zone: see paris_time.ts).
  const utc = (at: number) => DateTime.fromMillis(at, { zone: FixedOffsetZone.utcInstance })
  const windowStart = utc(parisInstant(from.slice(0, 10), '00:00'))
  const windowEnd = utc(parisInstant(addDays(to.slice(0, 10), 1), '00:00'))
  const rows = await db
    .from('appointment_units')
    .whereIn('meeting_point_id', pointIds)
    .where('starts_at', '>=', dbTimestamp(windowStart, client))
    .where('starts_at', '<', dbTimestamp(windowEnd, client))
    .select('meeting_point_id', 'desk', 'starts_at')
  const occupied = new Map(pointIds.map((id) => [id, new Map<number, Set<number>>()]))
  for (const row of rows) {
    const desks = occupied.get(Number(row.meeting_point_id))!
    if (!desks.has(row.desk)) desks.set(row.desk, new Set())
    desks.get(row.desk)!.add(epochOf(row.starts_at))
  }
  return { ranges, closures, occupied }
}

/** The free slots of several meeting points for a range of Paris days, by point id. */
export async function availableSlotsByPoint(
  points: MeetingPoint[],
  type: MeetingType,
  persons: number,
  from: string,
  to: string,
  now: DateTime = clock.now()
) {
  const ids = points.map((point) => point.id)
  const agendas = await loadAgendas(ids, from, to)
  const slots = new Map<number, Slot[]>()
  const instants = new Map<number, DateTime>()
  for (const point of points) {
    const ranges = agendas.ranges.filter((range) => range.meetingPointId === point.id)
    const occupied = agendas.occupied.get(point.id)!
    const closures = agendas.closures
    slots.set(
      point.id,
      computeSlots({ point, type, persons, from, to, now, ranges, closures, occupied, instants })
    )
  }
  return slots
}

/**
 * The slot of a point that starts at `start`, from one load of that day's
 * agenda: `free` when it can be booked now; otherwise `offered` says whether
 * the agenda offers it at all (then it is fully booked) or not (in the past,
 * outside the opening hours or the booking window, forged). A booking that
 * finds its slot gone is the common case of a release: both answers come
 * from the same three queries.
 */
export async function slotAt(
  point: MeetingPoint,
  type: MeetingType,
  persons: number,
  start: DateTime,
  now: DateTime = clock.now()
): Promise<{ free: Slot; offered: true } | { free: null; offered: boolean }> {
  const day = start.setZone(ZONE).toISODate()!
  const at = start.toMillis()
  const agenda = await loadAgendas([point.id], day, day)
  const input = { point, type, persons, from: day, to: day, now, ...agenda }
  const free = computeSlots({ ...input, occupied: agenda.occupied.get(point.id)! }).find(
    (slot) => slot.start.toMillis() === at
  )
  if (free) return { free, offered: true }
  const offered = computeSlots({ ...input, occupied: new Map() }).some(
    (slot) => slot.start.toMillis() === at
  )
  return { free: null, offered }
}

/** The free slots of one meeting point for a range of Paris days. */
export async function availableSlots(
  point: MeetingPoint,
  type: MeetingType,
  persons: number,
  from: string,
  to: string,
  now: DateTime = clock.now()
) {
  return (await availableSlotsByPoint([point], type, persons, from, to, now)).get(point.id)!
}
