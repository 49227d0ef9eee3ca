import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'

/** An appointment with its meeting point and type, as its page shows them. */
export function findAppointmentWithDetails(id: number) {
  return Appointment.query().where('id', id).preload('meetingPoint').preload('meetingType').first()
}

/** The open meeting points of a service, by name: where an appointment may move to. */
export function activeMeetingPoints(serviceSlug: string) {
  return MeetingPoint.query()
    .where('serviceSlug', serviceSlug)
    .where('active', true)
    .orderBy('name')
}
