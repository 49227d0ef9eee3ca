import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import { publishEvent } from '#jobs/events'
import { CITY_ZONE } from '#core/clock'

export type AppointmentEventType =
  'appointment.booked' | 'appointment.moved' | 'appointment.cancelled' | 'appointment.closed'

/**
 * Tells whoever carries events out (the webhooks of /api/v1 declare them)
 * that an appointment was booked, moved, cancelled or closed at the desk, in
 * the transaction of the change: an event is announced only if the change
 * is saved. The service is the meeting point's: only the clients that see it
 * hear of it. Ids and dates with the city's offset, no personal data (the
 * receiver reads the appointment through /api/v1).
 */
export async function publishAppointmentEvent(
  type: AppointmentEventType,
  appointment: Appointment,
  trx: TransactionClientContract,
  extra: Record<string, unknown> = {}
) {
  const point = await MeetingPoint.findOrFail(appointment.meetingPointId, { client: trx })
  await publishEvent(
    {
      type,
      service: point.serviceSlug,
      data: {
        appointment_id: appointment.id,
        meeting_point_id: appointment.meetingPointId,
        meeting_type_id: appointment.meetingTypeId,
        service: point.serviceSlug,
        status: appointment.status,
        starts_at: appointment.startsAt.setZone(CITY_ZONE).toISO(),
        ends_at: appointment.endsAt.setZone(CITY_ZONE).toISO(),
        ...extra,
      },
    },
    trx
  )
}
