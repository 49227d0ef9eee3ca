import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { lockForUpdate } from '#core/database/dialect'
import { enqueue } from '#jobs/enqueue'
import { hooksFor } from '#appointments/services/hooks'
import {
  SlotNotOfferedError,
  SlotTakenError,
  occupyDesk,
  scheduleReminder,
  freeSlotAt,
} from '#appointments/actions/book_appointment'
import { clock, CITY_ZONE } from '#core/clock'
import { publishAppointmentEvent } from '#appointments/events'
import { appointmentSmsSubject, scheduleSmsReminder } from '#appointments/services/sms_reminder'
import { withdrawSms } from '#notifications/sms/queue_sms'

export class AppointmentNotChangeableError extends Error {}

/** Frees an appointment's desk time and tells whoever waits for a slot of that type. */
async function release(
  trx: TransactionClientContract,
  appointment: Appointment,
  type: MeetingType
) {
  await trx.from('appointment_units').where('appointment_id', appointment.id).delete()
  if (type.waitingList) {
    await enqueue(
      'waiting_list_alert',
      {
        meetingTypeId: type.id,
        meetingPointId: appointment.meetingPointId,
        startsAt: appointment.startsAt.toUTC().toISO(),
      },
      { client: trx }
    )
  }
}

/**
 * Cancels an appointment: its time goes back to the agenda, the resident
 * gets the cancellation (with the calendar update), the brick's hooks run
 * (withdraw a national declaration…), the waiting list hears of the slot.
 */
export async function cancelAppointment(
  id: number,
  by: 'resident' | 'agent' | 'system',
  options: { now?: DateTime; reason?: string | null } = {}
) {
  const now = options.now ?? clock.now()
  return db.transaction(async (trx) => {
    const appointment = await lockForUpdate(
      Appointment.query({ client: trx }).where('id', id),
      trx
    ).firstOrFail()
    if (appointment.status !== 'booked') throw new AppointmentNotChangeableError()
    const type = await MeetingType.findOrFail(appointment.meetingTypeId, { client: trx })
    appointment.useTransaction(trx)
    appointment.merge({ status: 'cancelled', cancelledBy: by, cancelledAt: now.toUTC() })
    if (options.reason)
      appointment.details = { ...appointment.details, cancellationReason: options.reason }
    await appointment.save()
    await release(trx, appointment, type)
    await withdrawSms(trx, appointmentSmsSubject(appointment.id))
    await enqueue(
      'appointment_mail',
      { appointmentId: appointment.id, kind: 'cancelled' },
      { client: trx, idempotencyKey: `appointment:${appointment.id}:cancelled` }
    )
    await (await hooksFor(type.key)).cancelled?.(trx, appointment)
    await publishAppointmentEvent('appointment.cancelled', appointment, trx, {
      cancelled_by: by,
      cancelled_at: appointment.cancelledAt?.setZone(CITY_ZONE).toISO() ?? null,
    })
    return appointment
  })
}

/**
 * Moves an appointment to another slot (same type and persons, possibly
 * another meeting point of the service), atomically: the new units are
 * taken before the old ones are released, in one transaction.
 */
export async function moveAppointment(
  id: number,
  target: { meetingPointId: number; start: DateTime },
  options: { now?: DateTime } = {}
) {
  const now = options.now ?? clock.now()
  const current = await Appointment.findOrFail(id)
  const type = await MeetingType.findOrFail(current.meetingTypeId)
  const point = await MeetingPoint.findOrFail(target.meetingPointId)
  if (point.serviceSlug !== type.serviceSlug) throw new SlotNotOfferedError('Another service')
  const start = target.start.toUTC()
  const offered = await freeSlotAt(point, type, current.persons, start, now)

  return db.transaction(async (trx) => {
    const appointment = await lockForUpdate(
      Appointment.query({ client: trx }).where('id', id),
      trx
    ).firstOrFail()
    if (appointment.status !== 'booked') throw new AppointmentNotChangeableError()
    const previous = {
      startsAt: appointment.startsAt.toUTC().toISO()!,
      meetingPointId: appointment.meetingPointId,
    }
    await trx.from('appointment_units').where('appointment_id', appointment.id).delete()
    let desk: number | null = null
    for (const candidate of offered.freeDesks) {
      if (await occupyDesk(trx, appointment.id, point.id, candidate, start, offered.end)) {
        desk = candidate
        break
      }
    }
    if (desk === null) throw new SlotTakenError()
    appointment.useTransaction(trx)
    appointment.merge({
      meetingPointId: point.id,
      desk,
      startsAt: start,
      endsAt: offered.end.toUTC(),
    })
    await appointment.save()
    await enqueue(
      'appointment_mail',
      { appointmentId: appointment.id, kind: 'moved' },
      { client: trx, idempotencyKey: `appointment:${appointment.id}:moved:${start.toMillis()}` }
    )
    await scheduleReminder(trx, appointment, now)
    await scheduleSmsReminder(trx, appointment, now)
    if (type.waitingList)
      await enqueue(
        'waiting_list_alert',
        {
          meetingTypeId: type.id,
          meetingPointId: previous.meetingPointId,
          startsAt: previous.startsAt,
        },
        { client: trx }
      )
    await (await hooksFor(type.key)).moved?.(trx, appointment, previous)
    await publishAppointmentEvent('appointment.moved', appointment, trx, {
      previous: {
        meeting_point_id: previous.meetingPointId,
        starts_at: DateTime.fromISO(previous.startsAt).setZone(CITY_ZONE).toISO(),
      },
    })
    return appointment
  })
}

/**
 * The desk marks who came and who did not (a no-show), on the day or after;
 * or the service's business software closes the appointment through
 * /api/v1 (`software`: its name, kept with the appointment for the
 * resident's timeline). Published as `appointment.closed`.
 */
export async function markAttendance(
  id: number,
  attended: boolean,
  options: { software?: string; trx?: TransactionClientContract } = {}
) {
  const work = async (trx: TransactionClientContract) => {
    const appointment = await lockForUpdate(
      Appointment.query({ client: trx }).where('id', id),
      trx
    ).firstOrFail()
    if (appointment.status === 'cancelled') throw new AppointmentNotChangeableError()
    appointment.useTransaction(trx)
    appointment.status = attended ? 'attended' : 'no_show'
    appointment.details = {
      ...appointment.details,
      closedBy: options.software ? { software: options.software } : { agent: true },
    }
    await appointment.save()
    await publishAppointmentEvent('appointment.closed', appointment, trx, {
      outcome: attended ? 'honoured' : 'no_show',
      closed_by: options.software ? 'software' : 'agent',
    })
    return appointment
  }
  return options.trx ? work(options.trx) : db.transaction(work)
}
