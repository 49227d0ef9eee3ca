import Appointment from '#appointments/models/appointment'
import { olderThan, type TimelineSource } from '#accounts/resident_space'

export const APPOINTMENT_KIND = 'appointment'

/** The resident's appointments on /mon-espace, dated by when they take place (the coming ones come first). */
const appointmentsTimeline: TimelineSource = async ({ userId, before, limit, t }) => {
  const query = Appointment.query()
    .where('userId', userId)
    .preload('meetingType')
    .preload('meetingPoint')
  olderThan(query, { dateColumn: 'starts_at', idColumn: 'id', kind: APPOINTMENT_KIND, before })
  const appointments = await query.orderBy('startsAt', 'desc').orderBy('id', 'desc').limit(limit)
  return appointments.map((appointment) => ({
    kind: APPOINTMENT_KIND,
    id: appointment.id,
    date: appointment.startsAt,
    title: appointment.meetingType.label,
    status: t(`appointments.statuses.${appointment.status}`),
    link: `/rendez-vous/${appointment.id}`,
    detail: appointment.meetingPoint.name,
  }))
}

export default appointmentsTimeline
