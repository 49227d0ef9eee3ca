import { DateTime } from 'luxon'
import { routeUrl } from '#core/http/route_url'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import { availableSlots, ZONE, type Slot } from '#appointments/services/slots'
import { clock } from '#core/clock'
import {
  addDays,
  dayParts,
  isCalendarDay,
  mondayOf,
  parisDay,
  parisWallClock,
  weekdayOf,
} from '#core/services/paris_time'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Weekday (1–7) and month (1–12) names per locale, as Luxon's `cccc` and `LLLL` write them. */
const namesByLocale = new Map<string, { weekdays: string[]; months: string[] }>()

function calendarNames(locale: string) {
  let names = namesByLocale.get(locale)
  if (!names) {
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
    const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' })
    names = {
      // 2024-01-01 was a Monday.
      weekdays: Array.from({ length: 7 }, (_, index) =>
        weekday.format(Date.UTC(2024, 0, 1 + index))
      ),
      months: Array.from({ length: 12 }, (_, index) => month.format(Date.UTC(2024, index, 1))),
    }
    namesByLocale.set(locale, names)
  }
  return names
}

/** "lundi 14 décembre": a calendar day as the picker names it (Luxon's `cccc d LLLL`). */
function dayLabel(day: string, locale: string) {
  const { weekdays, months } = calendarNames(locale)
  const { month, date } = dayParts(day)
  return `${weekdays[weekdayOf(day) - 1]} ${date} ${months[month - 1]}`
}

/**
 * What the slot picker shows without JavaScript: the days of one week with
 * how many slots each has, then the slots of the chosen day as radio
 * buttons, with links to the previous and next weeks. `link(week, day)`
 * builds the page's own URL for the week/day links.
 *
 * Days are Paris calendar days as `YYYY-MM-DD` text and slots are labelled
 * from their epoch milliseconds (paris_time.ts): the picker is on every page
 * of a slot release, and Luxon DateTimes in the Paris zone cost an Intl call
 * each (8 % of the server's CPU in the release bench).
 */
export async function slotPicker(options: {
  point: MeetingPoint
  type: MeetingType
  persons: number
  week?: unknown
  day?: unknown
  now?: DateTime
  link: (week: string, day?: string) => string
  locale?: string
}) {
  const now = options.now ?? clock.now()
  const locale = options.locale ?? 'fr'
  const today = parisDay(now.toMillis())
  const requested = typeof options.week === 'string' && DAY.test(options.week) ? options.week : null
  const firstWeek = mondayOf(today)
  const lastDay = parisDay(now.plus({ days: options.type.maxDelayDays }).toMillis())
  let week = requested && isCalendarDay(requested) ? mondayOf(requested) : firstWeek
  if (week < firstWeek) week = firstWeek
  if (week > lastDay) week = mondayOf(lastDay)
  const slotsBetween = (from: string, to: string) =>
    availableSlots(options.point, options.type, options.persons, from, to, now)
  let slots = await slotsBetween(week, addDays(week, 6))

  // Without a week asked for, jump to the first week that has a free slot:
  // the rest of the booking window in one load (when every slot of a release
  // is gone, most visitors of the page come here, and one load per week cost
  // three queries each).
  const nextWeek = addDays(week, 7)
  if (!requested && slots.length === 0 && nextWeek <= lastDay) {
    const rest = await slotsBetween(nextWeek, addDays(mondayOf(lastDay), 6))
    if (rest.length) {
      week = mondayOf(rest[0].day)
      slots = rest.filter((slot) => slot.day <= addDays(week, 6))
    }
  }

  const byDay = new Map<string, Slot[]>()
  for (const slot of slots) {
    const ofDay = byDay.get(slot.day)
    if (ofDay) ofDay.push(slot)
    else byDay.set(slot.day, [slot])
  }
  const days = Array.from({ length: 7 }, (_, index) => {
    const iso = addDays(week, index)
    return {
      iso,
      label: dayLabel(iso, locale),
      count: byDay.get(iso)?.length ?? 0,
      href: options.link(week, iso),
    }
  })
  const requestedDay =
    typeof options.day === 'string' && byDay.has(options.day) ? options.day : null
  const chosen = requestedDay ?? days.find((day) => day.count > 0)?.iso ?? null
  return {
    week,
    weekLabel: weekLabel(week, locale),
    days,
    day: chosen,
    dayLabel: chosen ? dayLabel(chosen, locale) : null,
    slots: (chosen ? (byDay.get(chosen) ?? []) : []).map((slot) => {
      const start = slot.start.toMillis()
      return {
        value: new Date(start).toISOString(),
        label: parisWallClock(start).slice(11).replace(':', 'h'),
      }
    }),
    previousUrl: week > firstWeek ? options.link(addDays(week, -7)) : null,
    nextUrl: addDays(week, 7) <= lastDay ? options.link(addDays(week, 7)) : null,
    empty: slots.length === 0,
  }
}

/**
 * "30 novembre – 6 décembre 2026": the Monday and the Sunday of the week
 * shown (`YYYY-MM-DD`), computed from that week alone (the picker may have
 * moved on to the first week with a free slot). The year is written once, or
 * on both ends when the week straddles two years.
 */
export function weekLabel(monday: string, locale: string) {
  const { months } = calendarNames(locale)
  const first = dayParts(monday)
  const last = dayParts(addDays(monday, 6))
  const start = `${first.date} ${months[first.month - 1]}`
  const end = `${last.date} ${months[last.month - 1]} ${String(last.year).padStart(4, '0')}`
  return `${first.year === last.year ? start : `${start} ${String(first.year).padStart(4, '0')}`} – ${end}`
}

/** The next free slots after `after` (never before now: a forged past slot still gets real ones), for the "slot unavailable" page. */
export async function nextFreeSlots(
  point: MeetingPoint,
  type: MeetingType,
  persons: number,
  after: DateTime,
  count = 5
) {
  const now = clock.now()
  if (after < now) after = now
  const from = after.setZone(ZONE)
  const slots = await availableSlots(
    point,
    type,
    persons,
    from.toISODate()!,
    from.plus({ days: 14 }).toISODate()!
  )
  return slots.filter((slot) => slot.start > after).slice(0, count)
}

/**
 * The picker of the free slots an appointment can move to, at a point: its
 * type and persons, the week and day the request asks, links to the page
 * `route` (the resident's or the agent's move page) that keep the point.
 */
export function movePicker(
  { request, i18n }: { request: { input(key: string): unknown }; i18n: { locale: string } },
  appointment: { id: number; meetingType: MeetingType; persons: number },
  point: MeetingPoint,
  route: 'appointments.move.edit' | 'appointments.agents.move.edit'
) {
  return slotPicker({
    point,
    type: appointment.meetingType,
    persons: appointment.persons,
    week: request.input('semaine'),
    day: request.input('jour'),
    locale: i18n.locale,
    link: (week, day) =>
      routeUrl(route, { id: appointment.id }, { lieu: point.id, semaine: week, jour: day }),
  })
}
