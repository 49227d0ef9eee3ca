import Appointment from '#appointments/models/appointment'
import MeetingType from '#appointments/models/meeting_type'
import { olderThan, type TimelineSource } from '#accounts/resident_space'
import {
  confidentialServiceName,
  confidentialServices,
  mayReadConfidential,
} from '#accounts/services/confidentiality'

export const APPOINTMENT_KIND = 'appointment'

/**
 * The resident's appointments on /mon-espace, dated by when they take place
 * (the coming ones come first). For an agent's 360° view, only those of the
 * meeting types of the agent's services, and those of a confidential
 * service shown as a booked slot of that service, without type, place or
 * link (the agent receiving the resident knows they are expected elsewhere,
 * not why); there is no agents' page of one appointment, so they are not
 * linked.
 */
const appointmentsTimeline: TimelineSource = async ({ userId, before, limit, t, viewer }) => {
  const query = Appointment.query()
    .where('userId', userId)
    .preload('meetingType')
    .preload('meetingPoint')
  if (viewer)
    query.whereIn(
      'meetingTypeId',
      MeetingType.query()
        .select('id')
        .whereIn('serviceSlug', [...viewer.serviceSlugs, ...confidentialServices().keys(), '-'])
    )
  olderThan(query, { dateColumn: 'starts_at', idColumn: 'id', kind: APPOINTMENT_KIND, before })
  const appointments = await query.orderBy('startsAt', 'desc').orderBy('id', 'desc').limit(limit)
  return appointments.map((appointment) =>
    viewer && !mayReadConfidential(viewer.serviceSlugs, appointment.meetingType.serviceSlug)
      ? {
          kind: APPOINTMENT_KIND,
          id: appointment.id,
          date: appointment.startsAt,
          title: t('appointments.confidential.title', {
            service: confidentialServiceName(appointment.meetingType.serviceSlug),
          }),
          status: t('appointments.confidential.booked'),
          link: '',
          masked: true,
        }
      : {
          kind: APPOINTMENT_KIND,
          id: appointment.id,
          date: appointment.startsAt,
          title: appointment.meetingType.label,
          status: t(`appointments.statuses.${appointment.status}`),
          link: viewer ? '' : `/rendez-vous/${appointment.id}`,
          detail: appointment.details?.closedBy?.software
            ? t('appointments.space.closed_by_software', {
                point: appointment.meetingPoint.name,
                name: appointment.details.closedBy.software,
              })
            : appointment.meetingPoint.name,
        }
  )
}

export default appointmentsTimeline
