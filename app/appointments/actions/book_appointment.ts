import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { slotAt, unitsOf } from '#appointments/services/slots'
import { hooksFor } from '#appointments/services/hooks'
import { dbTimestamp } from '#core/database/dialect'
import { enqueue } from '#jobs/enqueue'
import { scheduleSmsReminder } from '#appointments/services/sms_reminder'
import { publishAppointmentEvent } from '#appointments/events'
import { clock } from '#core/clock'

/** The slot was free when the page was shown, and somebody else took it first. */
export class SlotTakenError extends Error {
  constructor() {
    super('This slot has just been taken')
  }
}

/** The slot is not one the agenda offers (closed, outside hours, too late or too early). */
export class SlotNotOfferedError extends Error {}

export interface BookingRequest {
  meetingPointId: number
  meetingTypeId: number
  persons: number
  /** UTC or zoned instant of the slot start */
  start: DateTime
  applicant: {
    userId: number | null
    firstName: string
    lastName: string
    email: string | null
    phone: string | null
  }
  details?: Record<string, unknown>
  origin?: 'web' | 'counter' | 'phone'
  bookedByAgentId?: number | null
  now?: DateTime
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string }).code
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(String((error as Error).message))
  )
}

/**
 * The free slot of `point` that starts at `start`, or the reason it cannot
 * be had: the agenda offers it but it is fully booked (taken), or the agenda
 * never offers it — in the past, outside the opening hours or the booking
 * window, or forged. Residents are told one or the other.
 */
export async function freeSlotAt(
  point: MeetingPoint,
  type: MeetingType,
  persons: number,
  start: DateTime,
  now: DateTime
) {
  const found = await slotAt(point, type, persons, start, now)
  if (found.free) return found.free
  throw found.offered ? new SlotTakenError() : new SlotNotOfferedError('This slot is not offered')
}

/**
 * Occupies the units of a desk for [start, end) or fails on the unique key
 * if any of them is taken. Runs in a savepoint so that a failure leaves the
 * surrounding transaction usable (PostgreSQL aborts a transaction on error).
 */
export async function occupyDesk(
  trx: TransactionClientContract,
  appointmentId: number,
  meetingPointId: number,
  desk: number,
  start: DateTime,
  end: DateTime
) {
  const rows = unitsOf(start, end).map((at) => ({
    meeting_point_id: meetingPointId,
    desk,
    starts_at: dbTimestamp(DateTime.fromMillis(at, { zone: 'utc' }), trx),
    appointment_id: appointmentId,
  }))
  try {
    await trx.transaction(async (savepoint) => {
      await savepoint.insertQuery().table('appointment_units').multiInsert(rows)
    })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

/**
 * Books a slot atomically: the appointment and its occupied units are
 * written in one transaction; the units' primary key refuses a second
 * booking of the same desk and time, so the capacity of a slot can never be
 * exceeded — not a read-then-write. Then, in the same transaction, the
 * confirmation mail, the reminder two days before, and the brick's hooks.
 */
export default class BookAppointment {
  async handle(request: BookingRequest) {
    const now = request.now ?? clock.now()
    const point = await MeetingPoint.findOrFail(request.meetingPointId)
    const type = await MeetingType.findOrFail(request.meetingTypeId)
    const start = request.start.toUTC()
    const offered = await freeSlotAt(point, type, request.persons, start, now)
    const end = offered.end

    return db.transaction(async (trx) => {
      const appointment = await Appointment.create(
        {
          meetingPointId: point.id,
          meetingTypeId: type.id,
          desk: offered.freeDesks[0],
          startsAt: start,
          endsAt: end.toUTC(),
          status: 'booked',
          persons: request.persons,
          userId: request.applicant.userId,
          firstName: request.applicant.firstName,
          lastName: request.applicant.lastName,
          email: request.applicant.email,
          phone: request.applicant.phone,
          details: request.details ?? {},
          origin: request.origin ?? 'web',
          bookedByAgentId: request.bookedByAgentId ?? null,
        },
        { client: trx }
      )
      // Try the desks free when we looked, then any other desk of the point open at that time.
      let desk: number | null = null
      for (const candidate of offered.freeDesks) {
        if (await occupyDesk(trx, appointment.id, point.id, candidate, start, end)) {
          desk = candidate
          break
        }
      }
      if (desk === null) throw new SlotTakenError()
      if (desk !== appointment.desk) {
        appointment.desk = desk
        await appointment.save()
      }
      await closeWaitingEntries(trx, appointment)
      await this.#announce(trx, appointment, type, now)
      return appointment
    })
  }

  async #announce(
    trx: TransactionClientContract,
    appointment: Appointment,
    type: MeetingType,
    now: DateTime
  ) {
    await enqueue(
      'appointment_mail',
      { appointmentId: appointment.id, kind: 'confirmed' },
      { client: trx, idempotencyKey: `appointment:${appointment.id}:confirmed` }
    )
    await scheduleReminder(trx, appointment, now)
    await scheduleSmsReminder(trx, appointment, now)
    await (await hooksFor(type.key)).booked?.(trx, appointment)
    await publishAppointmentEvent('appointment.booked', appointment, trx)
  }
}

/**
 * Booking a type ends the resident's wait for it: their waiting-list entries
 * for that type (by account, or by the e-mail they left) are closed as done.
 */
async function closeWaitingEntries(trx: TransactionClientContract, appointment: Appointment) {
  const email = appointment.email?.trim().toLowerCase() ?? null
  if (!appointment.userId && !email) return
  await trx
    .from('waiting_list_entries')
    .where('meeting_type_id', appointment.meetingTypeId)
    .where('status', 'waiting')
    .where((query) => {
      if (appointment.userId) query.orWhere('user_id', appointment.userId)
      if (email) query.orWhereRaw('lower(email) = ?', [email])
    })
    .update({ status: 'done' })
}

/** The reminder leaves two days before (or at once if the appointment is sooner); its key carries the start, so a move plans a new one. */
export async function scheduleReminder(
  trx: TransactionClientContract,
  appointment: Appointment,
  now: DateTime
) {
  const at = appointment.startsAt.minus({ days: 2 })
  if (appointment.startsAt <= now.plus({ hours: 12 })) return
  await enqueue(
    'appointment_mail',
    {
      appointmentId: appointment.id,
      kind: 'reminder',
      startsAt: appointment.startsAt.toUTC().toISO(),
    },
    {
      client: trx,
      runAt: at > now ? at : now,
      idempotencyKey: `appointment:${appointment.id}:reminder:${appointment.startsAt.toMillis()}`,
    }
  )
}
