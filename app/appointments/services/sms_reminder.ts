import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { queueSms, withdrawSms } from '#notifications/sms/queue_sms'
import { ZONE } from '#appointments/services/slots'
import parvisConfig from '#config/parvis'

export function appointmentSmsSubject(appointmentId: number) {
  return `appointment:${appointmentId}`
}

/**
 * The SMS reminder, the day before (24 hours before, or at once when the
 * appointment is booked later than that), for residents who opted in. At
 * night it waits for the end of the quiet hours; a reminder that could only
 * leave after the appointment started is not sent. A move withdraws the
 * waiting one and plans another; a cancellation withdraws it.
 */
export async function scheduleSmsReminder(
  trx: TransactionClientContract,
  appointment: Appointment,
  now: DateTime
) {
  await withdrawSms(trx, appointmentSmsSubject(appointment.id))
  if (!appointment.userId || appointment.startsAt <= now) return
  const [type, point] = await Promise.all([
    MeetingType.find(appointment.meetingTypeId, { client: trx }),
    MeetingPoint.find(appointment.meetingPointId, { client: trx }),
  ])
  const local = appointment.startsAt.setZone(ZONE)
  await queueSms(trx, {
    userId: appointment.userId,
    kind: 'appointments.sms.kind',
    message: 'appointments.sms.reminder',
    data: {
      type: type?.label ?? '',
      date: local.setLocale('fr').toFormat('dd/MM'),
      time: local.toFormat("HH'h'mm"),
      place: point?.name ?? '',
      link: `${parvisConfig.appUrl}/mon-espace/rendez-vous`,
    },
    dueAt: appointment.startsAt.minus({ days: 1 }),
    notAfter: appointment.startsAt,
    subjectKey: appointmentSmsSubject(appointment.id),
    // a move back to the same time plans a new one: the first was withdrawn
    idempotencyKey: `appointment:${appointment.id}:sms:${appointment.startsAt.toMillis()}:${now.toMillis()}`,
  })
}
