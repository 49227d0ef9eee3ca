import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { enqueue } from '#jobs/enqueue'
import type { AppointmentHooks } from '#appointments/services/hooks'
import { manageLink } from '#appointments/services/manage_links'
import { ZONE } from '#appointments/services/slots'
import MeetingPoint from '#appointments/models/meeting_point'
import type Appointment from '#appointments/models/appointment'

export const TITLE_TYPE = 'administration_titre'
export const PICKUP_TYPE = 'administration_retrait'

/** ANTS reads local Paris time (see ../shared/specs/ants.md, 2.2). */
function antsDate(startsAtIso: string) {
  return DateTime.fromISO(startsAtIso).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss")
}

/** The pre-demande numbers ANTS should know about for this appointment (those it validated). */
function declaredIds(appointment: Appointment): string[] {
  return ((appointment.details.applicationIds as string[] | undefined) ?? []).filter(
    (id) => appointment.details.antsStatuses?.[id] !== 'unchecked'
  )
}

async function declare(trx: TransactionClientContract, appointment: Appointment, key: string) {
  const point = await MeetingPoint.findOrFail(appointment.meetingPointId, { client: trx })
  for (const applicationId of declaredIds(appointment)) {
    await enqueue(
      'ants_declare',
      {
        applicationId,
        meetingPoint: point.name,
        meetingPointId: String(point.id),
        appointmentDate: antsDate(appointment.startsAt.toUTC().toISO()!),
        managementUrl: manageLink(appointment),
      },
      { client: trx, idempotencyKey: `ants_declare:${appointment.id}:${applicationId}:${key}` }
    )
  }
}

async function withdraw(
  trx: TransactionClientContract,
  appointment: Appointment,
  previous: { startsAt: string; meetingPointId: number },
  key: string
) {
  const point = await MeetingPoint.findOrFail(previous.meetingPointId, { client: trx })
  for (const applicationId of declaredIds(appointment)) {
    await enqueue(
      'ants_withdraw',
      {
        applicationId,
        meetingPoint: point.name,
        meetingPointId: String(point.id),
        appointmentDate: antsDate(previous.startsAt),
      },
      { client: trx, idempotencyKey: `ants_withdraw:${appointment.id}:${applicationId}:${key}` }
    )
  }
}

/*
 * ANTS has no update: a move is a withdrawal of the old declaration and a
 * new one. Both jobs are enqueued in the transaction of the change, the
 * withdrawal first, so that they run in that order. The manifest lists
 * these hooks (`appointmentHooks`), by meeting-type key prefix.
 */
const titleHooks: AppointmentHooks = {
  bookingPath: '/formalites/rendez-vous-titre',
  async booked(trx, appointment) {
    await declare(trx, appointment, appointment.startsAt.toMillis().toString())
  },
  async moved(trx, appointment, previous) {
    await withdraw(trx, appointment, previous, `moved-${appointment.startsAt.toMillis()}`)
    await declare(trx, appointment, appointment.startsAt.toMillis().toString())
  },
  async cancelled(trx, appointment) {
    await withdraw(
      trx,
      appointment,
      {
        startsAt: appointment.startsAt.toUTC().toISO()!,
        meetingPointId: appointment.meetingPointId,
      },
      'cancelled'
    )
  },
}

export default {
  administration_titre: titleHooks,
  administration_retrait: { bookingPath: '/formalites/retrait-titre' },
} satisfies Record<string, AppointmentHooks>
