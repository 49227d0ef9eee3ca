import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import Appointment from '#appointments/models/appointment'
import User from '#accounts/models/user'
import { queueMail } from '#notifications/queue_mail'
import { appointmentCalendarFile } from '#appointments/services/ics'
import { manageLink } from '#appointments/services/manage_links'
import parvisConfig from '#config/parvis'
import { ZONE } from '#appointments/services/slots'

export type AppointmentMailKind = 'confirmed' | 'moved' | 'reminder' | 'cancelled'

/** The jobs and mails about one appointment run and leave in the order of the events. */
export function appointmentOrderingKey(appointmentId: number) {
  return `appointment:${appointmentId}`
}

/**
 * Mails about an appointment: confirmation and move (with the .ics and the
 * link to move or cancel), the reminder two days before — sent only if the
 * appointment still stands at that time — and the cancellation.
 */
export const appointmentMailJob = defineJob<{
  appointmentId: number
  kind: AppointmentMailKind
  startsAt?: string
}>({
  orderingKey: ({ appointmentId }) => appointmentOrderingKey(appointmentId),
  maxAttempts: 8,
  async handle({ appointmentId, kind, startsAt }, { now }) {
    const appointment = await Appointment.query()
      .where('id', appointmentId)
      .preload('meetingPoint')
      .preload('meetingType')
      .first()
    if (!appointment || !appointment.email) return
    if (
      kind === 'reminder' &&
      (appointment.status !== 'booked' ||
        appointment.startsAt.toUTC().toISO() !== startsAt ||
        appointment.startsAt <= now)
    )
      return
    if ((kind === 'confirmed' || kind === 'moved') && appointment.status !== 'booked') return
    const user = appointment.userId ? await User.find(appointment.userId) : null
    const point = appointment.meetingPoint
    const local = appointment.startsAt.setZone(ZONE)
    const locale = user?.locale ?? 'fr'
    const link = manageLink(appointment)
    const cancelled = kind === 'cancelled'
    const ics = appointmentCalendarFile(appointment, link, { cancelled, now })
    await db.transaction(async (trx) => {
      await queueMail(
        {
          to: appointment.email!,
          locale,
          subject: `appointments.mail.${kind}_subject`,
          subjectData: {
            date: local.setLocale(locale).toFormat('cccc d LLLL'),
            time: local.toFormat("HH'h'mm"),
          },
          view: `appointments::emails/${kind === 'moved' ? 'confirmed' : kind}`,
          data: {
            appointment,
            point,
            type: appointment.meetingType,
            date: local.setLocale(locale).toFormat('cccc d LLLL yyyy'),
            time: local.toFormat("HH'h'mm"),
            link,
            moved: kind === 'moved',
            cityName: parvisConfig.city.name,
          },
          orderingKey: appointmentOrderingKey(appointment.id),
          attachments:
            kind === 'reminder'
              ? []
              : [
                  {
                    filename: 'rendez-vous.ics',
                    content: ics,
                    contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'PUBLISH'}`,
                  },
                ],
        },
        trx
      )
    })
  },
})

export default appointmentMailJob
