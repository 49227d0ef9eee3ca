import { createHash } from 'node:crypto'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import {
  cancelAppointment,
  markAttendance,
  AppointmentNotChangeableError,
} from '#appointments/actions/change_appointment'
import { defineApiRoutes, type ApiCall } from '#api/define_api'
import { problem } from '#api/services/problem'
import { iso } from '#api/services/format'
import { checkIfMatch } from '#api/resources/demands'
import { CITY_ZONE } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'

/** The version of an appointment that a cancellation must name in `If-Match`. */
export function appointmentEtag(appointment: Appointment) {
  const version = `${appointment.id}:${appointment.status}:${appointment.startsAt.toMillis()}:${appointment.updatedAt?.toMillis()}`
  return `"${createHash('sha256').update(version).digest('base64url').slice(0, 27)}"`
}

function body(appointment: Appointment) {
  return {
    id: appointment.id,
    meeting_point: {
      id: appointment.meetingPoint.id,
      name: appointment.meetingPoint.name,
      service: appointment.meetingPoint.serviceSlug,
    },
    meeting_type: { key: appointment.meetingType.key, label: appointment.meetingType.label },
    desk: appointment.desk,
    starts_at: iso(appointment.startsAt),
    ends_at: iso(appointment.endsAt),
    status: appointment.status,
    persons: appointment.persons,
    origin: appointment.origin,
    resident: {
      first_name: appointment.firstName,
      last_name: appointment.lastName,
      email: appointment.email,
      phone: appointment.phone,
    },
    cancelled_at: iso(appointment.cancelledAt),
    cancelled_by: appointment.cancelledBy,
    cancellation_reason: (appointment.details?.cancellationReason as string | undefined) ?? null,
  }
}

/** The appointments of the client's services: those at a meeting point of one of them. */
function visible(call: ApiCall) {
  return Appointment.query()
    .whereHas('meetingPoint', (point) => point.whereIn('serviceSlug', call.client.services))
    .preload('meetingPoint')
    .preload('meetingType')
}

async function visibleAppointment(call: ApiCall) {
  const id = Number(call.params.id)
  const appointment = Number.isSafeInteger(id) ? await visible(call).where('id', id).first() : null
  if (!appointment) throw problem(404, 'No such appointment.')
  return appointment
}

const listQuery = vine.compile(
  vine.object({
    day: vine
      .string()
      .trim()
      .maxLength(10)
      .regex(/^\d{4}-\d{2}-\d{2}$/),
    point: vine.number().withoutDecimals().positive().optional(),
    status: vine.enum(['booked', 'cancelled', 'attended', 'no_show']).optional(),
  })
)

const cancelBody = vine.compile(
  vine.object({ reason: vine.string().trim().minLength(1).maxLength(1000) })
)

const outcomeBody = vine.compile(vine.object({ outcome: vine.enum(['honoured', 'no_show']) }))

const dateTime = { type: ['string', 'null'], format: 'date-time' }
const appointmentSchema = {
  type: 'object',
  required: ['id', 'meeting_point', 'starts_at', 'ends_at', 'status'],
  properties: {
    id: { type: 'integer' },
    meeting_point: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        service: { type: 'string' },
      },
    },
    meeting_type: {
      type: 'object',
      properties: { key: { type: 'string' }, label: { type: 'string' } },
    },
    desk: { type: 'integer' },
    starts_at: dateTime,
    ends_at: dateTime,
    status: { type: 'string', enum: ['booked', 'cancelled', 'attended', 'no_show'] },
    persons: { type: 'integer' },
    origin: { type: 'string' },
    resident: { type: 'object' },
    cancelled_at: dateTime,
    cancelled_by: { type: ['string', 'null'] },
    cancellation_reason: { type: ['string', 'null'] },
  },
}
const idParameter = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description: 'The appointment’s id.',
  schema: { type: 'integer', minimum: 1 },
}

export default defineApiRoutes([
  {
    method: 'get',
    path: '/appointments',
    operationId: 'listAppointments',
    scope: 'appointments:read',
    tag: 'appointments',
    summary:
      'List one day’s appointments of the client’s services, by meeting point, in order of time.',
    parameters: [
      {
        name: 'day',
        in: 'query',
        required: true,
        description: 'The day, on the city’s calendar (YYYY-MM-DD).',
        schema: { type: 'string', format: 'date' },
        example: '2026-03-02',
      },
      {
        name: 'point',
        in: 'query',
        description: 'Only this meeting point’s (its id).',
        schema: { type: 'integer', minimum: 1 },
      },
      {
        name: 'status',
        in: 'query',
        description: 'Only appointments in this status.',
        schema: { type: 'string', enum: ['booked', 'cancelled', 'attended', 'no_show'] },
      },
    ],
    query: listQuery,
    response: {
      status: 200,
      description: 'The day’s appointments.',
      schema: {
        type: 'object',
        required: ['data'],
        properties: { data: { type: 'array', items: appointmentSchema } },
      },
    },
    async handle(call) {
      const day = DateTime.fromISO(call.query.day as string, { zone: CITY_ZONE })
      if (!day.isValid) throw problem(400, 'day must be a date (YYYY-MM-DD).')
      const rows = await visible(call)
        .where('startsAt', '>=', dbTimestamp(day.startOf('day').toUTC()))
        .where('startsAt', '<', dbTimestamp(day.plus({ days: 1 }).startOf('day').toUTC()))
        .if(call.query.point, (q) => q.where('meetingPointId', call.query.point as number))
        .if(call.query.status, (q) => q.where('status', call.query.status as string))
        .orderBy('startsAt', 'asc')
        .orderBy('id', 'asc')
        .limit(2000)
      return { body: { data: rows.map(body) } }
    },
  },
  {
    method: 'get',
    path: '/appointments/{id}',
    operationId: 'getAppointment',
    scope: 'appointments:read',
    tag: 'appointments',
    summary: 'Read one appointment.',
    parameters: [idParameter],
    response: {
      status: 200,
      description: 'The appointment.',
      schema: appointmentSchema,
      etag: true,
    },
    async handle(call) {
      const appointment = await visibleAppointment(call)
      return { body: body(appointment), etag: appointmentEtag(appointment) }
    },
  },
  {
    method: 'post',
    path: '/appointments/{id}/cancellation',
    operationId: 'cancelAppointment',
    scope: 'appointments:write',
    tag: 'appointments',
    summary: 'Cancel a booked appointment with a reason, sent to the resident.',
    description:
      'As when the city cancels at the desk: the time goes back to the agenda, the resident gets the cancellation with the reason, the waiting list hears of the slot. `If-Match` with the ETag of your last read; 422 when the appointment is no longer booked.',
    parameters: [idParameter],
    ifMatch: true,
    requestBody: {
      validator: cancelBody,
      example: { reason: 'Le guichet est fermé ce jour-là (formation).' },
      schema: {
        type: 'object',
        required: ['reason'],
        properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
      },
    },
    response: {
      status: 200,
      description: 'The cancelled appointment.',
      schema: appointmentSchema,
      etag: true,
    },
    async handle(call) {
      const appointment = await visibleAppointment(call)
      checkIfMatch(call, appointmentEtag(appointment))
      try {
        await cancelAppointment(appointment.id, 'agent', { reason: call.body.reason })
      } catch (error) {
        if (error instanceof AppointmentNotChangeableError)
          throw problem(422, 'The appointment is no longer booked.', 'appointment-not-booked')
        throw error
      }
      const cancelled = await visibleAppointment(call)
      return { body: body(cancelled), etag: appointmentEtag(cancelled) }
    },
  },
  {
    method: 'post',
    path: '/appointments/{id}/outcome',
    operationId: 'closeAppointment',
    scope: 'appointments:write',
    tag: 'appointments',
    summary: 'Close an appointment: the resident came (`honoured`) or did not (`no_show`).',
    description:
      'For the service’s software where the appointment takes place (civil status…), as when the desk marks it: the appointment becomes `attended` or `no_show`, the resident’s timeline names your software, and `appointment.closed` is published. `If-Match` with the ETag of your last read (412 when it changed since); 422 when the appointment was cancelled. Closing it again with the other outcome corrects it.',
    parameters: [idParameter],
    ifMatch: true,
    requestBody: {
      validator: outcomeBody,
      example: { outcome: 'honoured' },
      schema: {
        type: 'object',
        required: ['outcome'],
        properties: { outcome: { type: 'string', enum: ['honoured', 'no_show'] } },
      },
    },
    response: {
      status: 200,
      description: 'The closed appointment.',
      schema: appointmentSchema,
      etag: true,
    },
    async handle(call) {
      const appointment = await visibleAppointment(call)
      checkIfMatch(call, appointmentEtag(appointment))
      try {
        await markAttendance(appointment.id, call.body.outcome === 'honoured', {
          software: call.client.name,
        })
      } catch (error) {
        if (error instanceof AppointmentNotChangeableError)
          throw problem(422, 'The appointment was cancelled.', 'appointment-cancelled')
        throw error
      }
      const closed = await visibleAppointment(call)
      return { body: body(closed), etag: appointmentEtag(closed) }
    },
  },
])
