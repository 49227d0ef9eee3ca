import { DateTime } from 'luxon'
import { routeUrl } from '#core/http/route_url'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import { availableSlots, ZONE, type Slot } from '#appointments/services/slots'
import { clock } from '#core/clock'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * What the slot picker shows without JavaScript: the days of one week with
 * how many slots each has, then the slots of the chosen day as radio
 * buttons, with links to the previous and next weeks. `link(week, day)`
 * builds the page's own URL for the week/day links.
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
  const today = now.setZone(ZONE).startOf('day')
  const requested =
    typeof options.week === 'string' && DAY.test(options.week)
      ? DateTime.fromISO(options.week, { zone: ZONE })
      : null
  const firstWeek = today.startOf('week')
  const lastDay = now.plus({ days: options.type.maxDelayDays }).setZone(ZONE).startOf('day')
  let week = requested && requested.isValid ? requested.startOf('week') : firstWeek
  if (week < firstWeek) week = firstWeek
  if (week > lastDay) week = lastDay.startOf('week')
  let slots = await availableSlots(
    options.point,
    options.type,
    options.persons,
    week.toISODate()!,
    week.plus({ days: 6 }).toISODate()!,
    now
  )

  // Without a week asked for, jump to the first week that has a free slot.
  if (!requested && slots.length === 0) {
    for (let next = week.plus({ weeks: 1 }); next <= lastDay; next = next.plus({ weeks: 1 })) {
      const found = await availableSlots(
        options.point,
        options.type,
        options.persons,
        next.toISODate()!,
        next.plus({ days: 6 }).toISODate()!,
        now
      )
      if (found.length) {
        week = next
        slots = found
        break
      }
    }
  }

  const byDay = new Map<string, Slot[]>()
  for (const slot of slots) {
    byDay.set(slot.day, [...(byDay.get(slot.day) ?? []), slot])
  }
  const weekIso = week.toISODate()!
  const days = Array.from({ length: 7 }, (_, index) => {
    const date = week.plus({ days: index })
    const iso = date.toISODate()!
    return {
      iso,
      label: date.setLocale(locale).toFormat('cccc d LLLL'),
      count: byDay.get(iso)?.length ?? 0,
      href: options.link(weekIso, iso),
    }
  })
  const requestedDay =
    typeof options.day === 'string' && byDay.has(options.day) ? options.day : null
  const chosen = requestedDay ?? days.find((day) => day.count > 0)?.iso ?? null
  return {
    week: weekIso,
    weekLabel: weekLabel(week, locale),
    days,
    day: chosen,
    dayLabel: chosen
      ? DateTime.fromISO(chosen, { zone: ZONE }).setLocale(locale).toFormat('cccc d LLLL')
      : null,
    slots: (chosen ? (byDay.get(chosen) ?? []) : []).map((slot) => ({
      value: slot.start.toUTC().toISO()!,
      label: slot.start.setZone(ZONE).toFormat("HH'h'mm"),
    })),
    previousUrl: week > firstWeek ? options.link(week.minus({ weeks: 1 }).toISODate()!) : null,
    nextUrl:
      week.plus({ weeks: 1 }) <= lastDay
        ? options.link(week.plus({ weeks: 1 }).toISODate()!)
        : null,
    empty: slots.length === 0,
  }
}

/**
 * "30 novembre – 6 décembre 2026": the Monday and the Sunday of the week
 * shown, computed from that week alone (the picker may have moved on to the
 * first week with a free slot). The year is written once, or on both ends
 * when the week straddles two years.
 */
export function weekLabel(monday: DateTime, locale: string) {
  const sunday = monday.plus({ days: 6 })
  const first = monday
    .setLocale(locale)
    .toFormat(monday.year === sunday.year ? 'd LLLL' : 'd LLLL yyyy')
  return `${first} – ${sunday.setLocale(locale).toFormat('d LLLL yyyy')}`
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
