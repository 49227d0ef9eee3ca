import type { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import type MeetingPoint from '#appointments/models/meeting_point'
import { ZONE } from '#appointments/services/slots'
import { dbTimestamp } from '#core/database/dialect'

/** A meeting point's day, desk by desk: every appointment (cancelled ones too, struck out by the view), in order. */
export async function dayDesks(point: MeetingPoint, day: DateTime) {
  const appointments = await Appointment.query()
    .where('meetingPointId', point.id)
    .where('startsAt', '>=', dbTimestamp(day.toUTC()))
    .where('startsAt', '<', dbTimestamp(day.plus({ days: 1 }).toUTC()))
    .preload('meetingType')
    .orderBy('startsAt')
  return Array.from({ length: point.desks }, (_, index) => ({
    desk: index + 1,
    appointments: appointments.filter((appointment) => appointment.desk === index + 1),
  }))
}

/** A meeting point's week from `week` (a Monday): for each day, how many appointments each desk has, and the total. */
export async function weekCounts(point: MeetingPoint, week: DateTime, locale: string) {
  const appointments = await Appointment.query()
    .where('meetingPointId', point.id)
    .where('status', '!=', 'cancelled')
    .where('startsAt', '>=', dbTimestamp(week.toUTC()))
    .where('startsAt', '<', dbTimestamp(week.plus({ weeks: 1 }).toUTC()))
  return Array.from({ length: 7 }, (_, index) => {
    const date = week.plus({ days: index })
    const iso = date.toISODate()!
    const ofDay = appointments.filter(
      (appointment) => appointment.startsAt.setZone(ZONE).toISODate() === iso
    )
    return {
      iso,
      label: date.setLocale(locale).toFormat('cccc d LLLL'),
      desks: Array.from(
        { length: point.desks },
        (_slot, desk) => ofDay.filter((appointment) => appointment.desk === desk + 1).length
      ),
      total: ofDay.length,
    }
  })
}
