import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import HouseholdMember from '#accounts/models/household_member'
import recordAttendance from '#activities/actions/record_attendance'
import { defineApiRoutes, type ApiCall } from '#api/define_api'
import { problem } from '#api/services/problem'
import { iso } from '#api/services/format'
import {
  ensureService,
  keysetPage,
  pageParameters,
  pageSchema,
  seesService,
} from '#api/services/scope'
import Registration from './models/registration.js'
import ActivitySession from './models/activity_session.js'
import Activity from './models/activity.js'

/** Childhood's data belongs to its service: a client without it sees none of it. */
const SERVICE = 'enfance'
const MAX_PAGE = 100
const STATUSES = ['placed', 'waiting', 'cancelled', 'refused']

async function describe(registrations: Registration[]) {
  const children = await HouseholdMember.query().whereIn(
    'id',
    registrations.map((registration) => registration.householdMemberId).concat(0)
  )
  const sessions = await ActivitySession.query().whereIn(
    'id',
    registrations.map((registration) => registration.sessionId).concat(0)
  )
  const activities = await Activity.query().whereIn(
    'id',
    sessions.map((session) => session.activityId).concat(0)
  )
  return registrations.map((registration) => {
    const child = children.find((member) => member.id === registration.householdMemberId)
    const session = sessions.find((candidate) => candidate.id === registration.sessionId)
    const activity = activities.find((candidate) => candidate.id === session?.activityId)
    return {
      id: registration.id,
      status: registration.status,
      child: child
        ? {
            id: child.id,
            first_name: child.firstName,
            last_name: child.lastName,
            birth_date: child.birthDate?.toISODate() ?? null,
          }
        : null,
      family_id: registration.userId,
      session: session
        ? {
            id: session.id,
            label: session.label,
            starts_on: session.startsOn,
            ends_on: session.endsOn,
          }
        : null,
      activity: activity ? { id: activity.id, name: activity.name, kind: activity.kind } : null,
      attendance: registration.attendance ?? {},
      accepted_at: iso(registration.acceptedAt),
      created_at: iso(registration.createdAt),
      updated_at: iso(registration.updatedAt),
    }
  })
}

async function visibleSession(call: ApiCall) {
  ensureService(call, SERVICE, 'session')
  const id = Number(call.params.id)
  const session = Number.isSafeInteger(id) ? await ActivitySession.find(id) : null
  if (!session) throw problem(404, 'No such session.')
  return session
}

const day = vine
  .string()
  .trim()
  .maxLength(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/)

const listQuery = vine.compile(
  vine.object({
    status: vine.enum(STATUSES).optional(),
    session: vine.number().withoutDecimals().positive().optional(),
    limit: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
    cursor: vine.number().withoutDecimals().positive().optional(),
  })
)
const attendanceQuery = vine.compile(vine.object({ day }))
const attendanceBody = vine.compile(
  vine.object({
    day,
    present: vine.array(vine.number().withoutDecimals().positive()).maxLength(2000),
  })
)

const dateTime = { type: ['string', 'null'], format: 'date-time' }
const registrationSchema = {
  type: 'object',
  required: ['id', 'status'],
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: STATUSES },
    child: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'integer' },
        first_name: { type: 'string' },
        last_name: { type: 'string' },
        birth_date: { type: ['string', 'null'], format: 'date' },
      },
    },
    family_id: { type: 'integer', description: 'The resident account of the family.' },
    session: { type: ['object', 'null'] },
    activity: { type: ['object', 'null'] },
    attendance: {
      type: 'object',
      description: 'By day (YYYY-MM-DD): present (true) or absent (false).',
      additionalProperties: { type: 'boolean' },
    },
    accepted_at: dateTime,
    created_at: dateTime,
    updated_at: dateTime,
  },
}
const attendanceSchema = {
  type: 'object',
  required: ['session_id', 'day', 'registrations'],
  properties: {
    session_id: { type: 'integer' },
    day: { type: 'string', format: 'date' },
    registrations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          registration_id: { type: 'integer' },
          child: { type: 'string' },
          present: { type: ['boolean', 'null'], description: 'null: not recorded yet.' },
        },
      },
    },
  },
}
const sessionIdParameter = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description: 'The activity session’s id.',
  schema: { type: 'integer', minimum: 1 },
}

async function register(session: ActivitySession, date: string) {
  const placed = await Registration.query()
    .where('sessionId', session.id)
    .where('status', 'placed')
    .orderBy('id')
  const described = await describe(placed)
  return {
    session_id: session.id,
    day: date,
    registrations: described.map((registration) => ({
      registration_id: registration.id,
      child: registration.child
        ? `${registration.child.first_name} ${registration.child.last_name}`
        : '',
      present: registration.attendance[date] ?? null,
    })),
  }
}

/** Childhood's resources on /api/v1 (declared in the manifest's `api`). */
export default defineApiRoutes([
  {
    method: 'get',
    path: '/registrations',
    operationId: 'listRegistrations',
    scope: 'registrations:read',
    tag: 'childhood',
    summary: 'List the children’s registrations to activities, newest first.',
    description: 'Keyset pagination: pass `next_cursor` as `cursor`.',
    parameters: [
      {
        name: 'status',
        in: 'query',
        description: 'Only registrations in this status.',
        schema: { type: 'string', enum: STATUSES },
      },
      {
        name: 'session',
        in: 'query',
        description: 'Only this session’s (its id).',
        schema: { type: 'integer', minimum: 1 },
      },
      ...pageParameters(MAX_PAGE),
    ],
    query: listQuery,
    response: {
      status: 200,
      description: 'A page of registrations.',
      schema: pageSchema(registrationSchema),
    },
    async handle(call) {
      if (!seesService(call, SERVICE)) return { body: { data: [], next_cursor: null } }
      const limit = (call.query.limit as number | undefined) ?? 50
      const rows = await Registration.query()
        .if(call.query.status, (q) => q.where('status', call.query.status as string))
        .if(call.query.session, (q) => q.where('sessionId', call.query.session as number))
        .if(call.query.cursor, (q) => q.where('id', '<', call.query.cursor as number))
        .orderBy('id', 'desc')
        .limit(limit + 1)
      const page = keysetPage(rows, limit)
      return { body: { data: await describe(page.data), next_cursor: page.next_cursor } }
    },
  },
  {
    method: 'get',
    path: '/registrations/{id}',
    operationId: 'getRegistration',
    scope: 'registrations:read',
    tag: 'childhood',
    summary: 'Read one registration, with the child’s attendance.',
    parameters: [{ ...sessionIdParameter, description: 'The registration’s id.' }],
    response: { status: 200, description: 'The registration.', schema: registrationSchema },
    async handle(call) {
      ensureService(call, SERVICE, 'registration')
      const id = Number(call.params.id)
      const registration = Number.isSafeInteger(id) ? await Registration.find(id) : null
      if (!registration) throw problem(404, 'No such registration.')
      return { body: (await describe([registration]))[0] }
    },
  },
  {
    method: 'get',
    path: '/activity-sessions/{id}/attendance',
    operationId: 'getAttendance',
    scope: 'attendance:read',
    tag: 'childhood',
    summary: 'Read a session’s register for one day: each child with a place, present or not.',
    parameters: [
      sessionIdParameter,
      {
        name: 'day',
        in: 'query',
        required: true,
        description: 'The day (YYYY-MM-DD).',
        schema: { type: 'string', format: 'date' },
        example: '2026-03-04',
      },
    ],
    query: attendanceQuery,
    response: { status: 200, description: 'The day’s register.', schema: attendanceSchema },
    async handle(call) {
      const session = await visibleSession(call)
      return { body: await register(session, call.query.day as string) }
    },
  },
  {
    method: 'put',
    path: '/activity-sessions/{id}/attendance',
    operationId: 'recordAttendance',
    scope: 'attendance:write',
    tag: 'childhood',
    summary:
      'Record a session’s register for one day, whole: those listed were there, every other child with a place was not.',
    parameters: [sessionIdParameter],
    requestBody: {
      validator: attendanceBody,
      example: { day: '2026-03-04', present: [] },
      schema: {
        type: 'object',
        required: ['day', 'present'],
        properties: {
          day: { type: 'string', format: 'date' },
          present: {
            type: 'array',
            description: 'The ids of the registrations present.',
            items: { type: 'integer' },
          },
        },
      },
    },
    response: { status: 200, description: 'The day’s register.', schema: attendanceSchema },
    async handle(call) {
      const session = await visibleSession(call)
      const present = new Set<number>(call.body.present)
      const placed = await db
        .from('activity_registrations')
        .where('session_id', session.id)
        .where('status', 'placed')
        .select('id')
      const known = new Set(placed.map((row: { id: number }) => row.id))
      const unknown = [...present].filter((id) => !known.has(id))
      if (unknown.length)
        throw problem(
          422,
          `Not registrations with a place in this session: ${unknown.join(', ')}.`,
          'unknown-registration'
        )
      await recordAttendance(session.id, call.body.day, present)
      return { body: await register(session, call.body.day) }
    },
  },
])
