import parvisConfig from '#config/parvis'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { cancelLink, manageLink } from '#appointments/services/manage_links'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { TITLE_TYPE } from '../appointments.js'
import { antsDateTime } from './ants_slots.js'

interface AntsAppointment {
  meeting_point: string
  datetime: string
  management_url: string
  cancel_url: string
}

/** The service's active meeting points, as the hub lists them (../shared/specs/ants.md). */
export async function antsMeetingPoints(service: string) {
  const points = await MeetingPoint.query()
    .where('serviceSlug', service)
    .where('active', true)
    .orderBy('id')
  return points.map((point) => ({
    id: String(point.id),
    name: point.name,
    longitude: point.longitude ?? 0,
    latitude: point.latitude ?? 0,
    public_entry_address: point.addressLine,
    zip_code: point.postalCode,
    city_name: point.city,
    website: parvisConfig.appUrl,
  }))
}

/**
 * For each pre-demand number, the ID appointments still to come (from
 * yesterday on) booked with it, with the links to manage and cancel them.
 */
export async function antsAppointmentsOf(ids: string[]) {
  const answer: Record<string, AntsAppointment[]> = {}
  if (ids.length === 0) return answer
  const type = await MeetingType.findBy('key', TITLE_TYPE)
  const booked = type
    ? await Appointment.query()
        .where('meetingTypeId', type.id)
        .where('status', 'booked')
        .where('startsAt', '>=', dbTimestamp(clock.now().minus({ days: 1 }).toUTC()))
        .preload('meetingPoint')
    : []
  for (const id of ids) {
    answer[id] = booked
      .filter((appointment) =>
        ((appointment.details.applicationIds as string[] | undefined) ?? []).includes(id)
      )
      .map((appointment) => ({
        meeting_point: appointment.meetingPoint.name,
        datetime: antsDateTime(appointment.startsAt),
        management_url: manageLink(appointment),
        cancel_url: cancelLink(appointment),
      }))
  }
  return answer
}
