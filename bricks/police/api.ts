import vine from '@vinejs/vine'
import { defineApiRoutes } from '#api/define_api'
import { problem } from '#api/services/problem'
import { iso } from '#api/services/format'
import {
  ensureService,
  keysetPage,
  pageParameters,
  pageSchema,
  seesService,
} from '#api/services/scope'
import { absoluteUrl } from '#core/links'
import OtvAbsence from './models/otv_absence.js'
import Decree, { DECREE_KINDS } from './models/decree.js'

/** The police's data belongs to its service: a client without it sees none of it. */
const SERVICE = 'tranquillite_publique'
const MAX_PAGE = 100
const ABSENCE_STATUSES = ['active', 'cancelled', 'returned']

function absenceBody(absence: OtvAbsence) {
  return {
    id: absence.id,
    reference: absence.reference,
    status: absence.status,
    starts_on: absence.startsOn,
    ends_on: absence.endsOn,
    address: {
      street_number: absence.streetNumber,
      street: absence.street?.name ?? null,
      complement: absence.addressComplement,
    },
    full_name: absence.fullName,
    email: absence.email,
    reach_phone: absence.reachPhone,
    home_type: absence.homeType,
    alarm: absence.alarm,
    alarm_company: absence.alarmCompany,
    key_holder: { name: absence.keyHolderName, phone: absence.keyHolderPhone },
    vehicles: absence.vehicles,
    pets: absence.pets,
    instructions: absence.instructions,
    created_at: iso(absence.createdAt),
    updated_at: iso(absence.updatedAt),
  }
}

function decreeBody(decree: Decree) {
  return {
    id: decree.id,
    number: decree.number,
    title: decree.title,
    kind: decree.kind,
    signatory: decree.signatory,
    signed_on: decree.signedOn,
    starts_on: decree.startsOn,
    ends_on: decree.endsOn,
    places: decree.placeList,
    target_id: decree.targetId,
    target_effect: decree.targetEffect,
    sha256: decree.sha256,
    pdf_url: decree.publishedAt
      ? absoluteUrl('/arretes/:number/pdf', { number: decree.number })
      : null,
    registered_at: iso(decree.registeredAt),
    published_at: iso(decree.publishedAt),
  }
}

const day = vine
  .string()
  .trim()
  .maxLength(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/)

const absencesQuery = vine.compile(
  vine.object({
    status: vine.enum(ABSENCE_STATUSES).optional(),
    on: day.clone().optional(),
    limit: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
    cursor: vine.number().withoutDecimals().positive().optional(),
  })
)
const decreesQuery = vine.compile(
  vine.object({
    kind: vine.enum(DECREE_KINDS).optional(),
    limit: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
    cursor: vine.number().withoutDecimals().positive().optional(),
  })
)

const dateTime = { type: ['string', 'null'], format: 'date-time' }
const date = { type: ['string', 'null'], format: 'date' }
const absenceSchema = {
  type: 'object',
  required: ['id', 'reference', 'status', 'starts_on', 'ends_on'],
  properties: {
    id: { type: 'integer' },
    reference: { type: 'string' },
    status: { type: 'string', enum: ABSENCE_STATUSES },
    starts_on: date,
    ends_on: date,
    address: { type: 'object' },
    full_name: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    reach_phone: { type: ['string', 'null'] },
    home_type: { type: 'string' },
    alarm: { type: 'boolean' },
    alarm_company: { type: ['string', 'null'] },
    key_holder: { type: 'object' },
    vehicles: { type: ['string', 'null'] },
    pets: { type: ['string', 'null'] },
    instructions: { type: ['string', 'null'] },
    created_at: dateTime,
    updated_at: dateTime,
  },
}
const decreeSchema = {
  type: 'object',
  required: ['id', 'number', 'title', 'kind', 'signed_on'],
  properties: {
    id: { type: 'integer' },
    number: { type: 'string' },
    title: { type: 'string' },
    kind: { type: 'string', enum: [...DECREE_KINDS] },
    signatory: { type: 'string' },
    signed_on: date,
    starts_on: date,
    ends_on: date,
    places: { type: 'array', items: { type: 'string' } },
    target_id: { type: ['integer', 'null'] },
    target_effect: { type: ['string', 'null'] },
    sha256: { type: 'string', description: 'Of the signed PDF.' },
    pdf_url: { type: ['string', 'null'], format: 'uri' },
    registered_at: dateTime,
    published_at: dateTime,
  },
}
const idParameter = (what: string) => ({
  name: 'id',
  in: 'path' as const,
  required: true,
  description: `The ${what}’s id.`,
  schema: { type: 'integer', minimum: 1 },
})

/** The police's resources on /api/v1, read-only (declared in the manifest's `api`). */
export default defineApiRoutes([
  {
    method: 'get',
    path: '/otv-absences',
    operationId: 'listOtvAbsences',
    scope: 'otv_absences:read',
    tag: 'police',
    summary: 'List the homes declared for Opération Tranquillité Vacances, newest first.',
    description:
      '`on` gives the absences that include a day (the homes to watch that day). Keyset pagination: pass `next_cursor` as `cursor`.',
    parameters: [
      {
        name: 'status',
        in: 'query',
        description: 'Only absences in this status.',
        schema: { type: 'string', enum: ABSENCE_STATUSES },
      },
      {
        name: 'on',
        in: 'query',
        description: 'Only absences that include this day (YYYY-MM-DD).',
        schema: { type: 'string', format: 'date' },
      },
      ...pageParameters(MAX_PAGE),
    ],
    query: absencesQuery,
    response: {
      status: 200,
      description: 'A page of absences.',
      schema: pageSchema(absenceSchema),
    },
    async handle(call) {
      if (!seesService(call, SERVICE)) return { body: { data: [], next_cursor: null } }
      const limit = (call.query.limit as number | undefined) ?? 50
      const on = call.query.on as string | undefined
      const rows = await OtvAbsence.query()
        .preload('street')
        .if(call.query.status, (q) => q.where('status', call.query.status as string))
        .if(on, (q) => q.where('startsOn', '<=', on!).where('endsOn', '>=', on!))
        .if(call.query.cursor, (q) => q.where('id', '<', call.query.cursor as number))
        .orderBy('id', 'desc')
        .limit(limit + 1)
      const page = keysetPage(rows, limit)
      return { body: { data: page.data.map(absenceBody), next_cursor: page.next_cursor } }
    },
  },
  {
    method: 'get',
    path: '/otv-absences/{id}',
    operationId: 'getOtvAbsence',
    scope: 'otv_absences:read',
    tag: 'police',
    summary: 'Read one OTV absence.',
    parameters: [idParameter('absence')],
    response: { status: 200, description: 'The absence.', schema: absenceSchema },
    async handle(call) {
      ensureService(call, SERVICE, 'absence')
      const id = Number(call.params.id)
      const absence = Number.isSafeInteger(id)
        ? await OtvAbsence.query().where('id', id).preload('street').first()
        : null
      if (!absence) throw problem(404, 'No such absence.')
      return { body: absenceBody(absence) }
    },
  },
  {
    method: 'get',
    path: '/decrees',
    operationId: 'listDecrees',
    scope: 'decrees:read',
    tag: 'police',
    summary: 'List the registered municipal decrees, newest first.',
    description:
      'Only decrees with a number (drafts are the agents’). Keyset pagination: pass `next_cursor` as `cursor`.',
    parameters: [
      {
        name: 'kind',
        in: 'query',
        description: 'Only decrees of this kind.',
        schema: { type: 'string', enum: [...DECREE_KINDS] },
      },
      ...pageParameters(MAX_PAGE),
    ],
    query: decreesQuery,
    response: { status: 200, description: 'A page of decrees.', schema: pageSchema(decreeSchema) },
    async handle(call) {
      if (!seesService(call, SERVICE)) return { body: { data: [], next_cursor: null } }
      const limit = (call.query.limit as number | undefined) ?? 50
      const rows = await Decree.query()
        .whereNotNull('number')
        .if(call.query.kind, (q) => q.where('kind', call.query.kind as string))
        .if(call.query.cursor, (q) => q.where('id', '<', call.query.cursor as number))
        .orderBy('id', 'desc')
        .limit(limit + 1)
      const page = keysetPage(rows, limit)
      return { body: { data: page.data.map(decreeBody), next_cursor: page.next_cursor } }
    },
  },
  {
    method: 'get',
    path: '/decrees/{id}',
    operationId: 'getDecree',
    scope: 'decrees:read',
    tag: 'police',
    summary: 'Read one registered decree.',
    parameters: [idParameter('decree')],
    response: { status: 200, description: 'The decree.', schema: decreeSchema },
    async handle(call) {
      ensureService(call, SERVICE, 'decree')
      const id = Number(call.params.id)
      const decree = Number.isSafeInteger(id)
        ? await Decree.query().where('id', id).whereNotNull('number').first()
        : null
      if (!decree) throw problem(404, 'No such decree.')
      return { body: decreeBody(decree) }
    },
  },
])
