import vine from '@vinejs/vine'
import { defineApiRoutes, type ApiCall } from '#api/define_api'
import { problem } from '#api/services/problem'
import { iso } from '#api/services/format'
import { keysetPage, pageParameters, pageSchema } from '#api/services/scope'
import Report, { STATUSES } from './models/report.js'
import ReportUpdate from './models/report_update.js'
import Category from './models/category.js'

const MAX_PAGE = 100

/** Confirmed reports routed to one of the client's services (each report goes to its category's service). */
function visible(call: ApiCall) {
  return Report.query().whereNotNull('verifiedAt').whereIn('serviceSlug', call.client.services)
}

async function describe(reports: Report[]) {
  const categories = await Category.query().whereIn(
    'id',
    reports.map((report) => report.categoryId).concat(0)
  )
  return reports.map((report) => {
    const category = categories.find((candidate) => candidate.id === report.categoryId)
    return {
      id: report.id,
      reference: report.reference,
      status: report.status,
      category: category ? { code: category.code, name: category.name } : null,
      service: report.serviceSlug,
      team: report.team,
      address: report.address,
      lat: Number(report.lat),
      lng: Number(report.lng),
      description: report.description,
      channel: report.channel,
      planned_on: report.plannedOn,
      merged_into_id: report.mergedIntoId,
      reopen_count: report.reopenCount,
      created_at: iso(report.createdAt),
      resolved_at: iso(report.resolvedAt),
      updated_at: iso(report.updatedAt),
    }
  })
}

const listQuery = vine.compile(
  vine.object({
    status: vine.enum(STATUSES).optional(),
    limit: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
    cursor: vine.number().withoutDecimals().positive().optional(),
  })
)

const dateTime = { type: ['string', 'null'], format: 'date-time' }
const reportSchema = {
  type: 'object',
  required: ['id', 'reference', 'status', 'service', 'lat', 'lng'],
  properties: {
    id: { type: 'integer' },
    reference: { type: 'string' },
    status: { type: 'string', enum: [...STATUSES] },
    category: {
      type: ['object', 'null'],
      properties: { code: { type: 'string' }, name: { type: 'string' } },
    },
    service: { type: 'string' },
    team: { type: ['string', 'null'] },
    address: { type: 'string' },
    lat: { type: 'number' },
    lng: { type: 'number' },
    description: { type: 'string' },
    channel: { type: 'string' },
    planned_on: { type: ['string', 'null'], format: 'date' },
    merged_into_id: { type: ['integer', 'null'] },
    reopen_count: { type: 'integer' },
    created_at: dateTime,
    resolved_at: dateTime,
    updated_at: dateTime,
  },
}
const reportDetailSchema = {
  ...reportSchema,
  properties: {
    ...reportSchema.properties,
    updates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string' },
          status: { type: ['string', 'null'] },
          body: { type: 'string' },
          at: dateTime,
        },
      },
    },
  },
}

/** Signalements on /api/v1, read-only (declared in the manifest's `api`). */
export default defineApiRoutes([
  {
    method: 'get',
    path: '/reports',
    operationId: 'listReports',
    scope: 'reports:read',
    tag: 'public_space',
    summary:
      'List the confirmed reports of problems in public space routed to the client’s services, newest first.',
    description: 'Keyset pagination: pass `next_cursor` as `cursor`.',
    parameters: [
      {
        name: 'status',
        in: 'query',
        description: 'Only reports in this status.',
        schema: { type: 'string', enum: [...STATUSES] },
      },
      ...pageParameters(MAX_PAGE),
    ],
    query: listQuery,
    response: { status: 200, description: 'A page of reports.', schema: pageSchema(reportSchema) },
    async handle(call) {
      const limit = (call.query.limit as number | undefined) ?? 50
      const rows = await visible(call)
        .if(call.query.status, (q) => q.where('status', call.query.status as string))
        .if(call.query.cursor, (q) => q.where('id', '<', call.query.cursor as number))
        .orderBy('id', 'desc')
        .limit(limit + 1)
      const page = keysetPage(rows, limit)
      return { body: { data: await describe(page.data), next_cursor: page.next_cursor } }
    },
  },
  {
    method: 'get',
    path: '/reports/{id}',
    operationId: 'getReport',
    scope: 'reports:read',
    tag: 'public_space',
    summary: 'Read one report with its updates (internal ones included).',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The report’s id.',
        schema: { type: 'integer', minimum: 1 },
      },
    ],
    response: { status: 200, description: 'The report.', schema: reportDetailSchema },
    async handle(call) {
      const id = Number(call.params.id)
      const report = Number.isSafeInteger(id) ? await visible(call).where('id', id).first() : null
      if (!report) throw problem(404, 'No such report.')
      const updates = await ReportUpdate.query().where('reportId', report.id).orderBy('id')
      return {
        body: {
          ...(await describe([report]))[0],
          updates: updates.map((update) => ({
            kind: update.kind,
            status: update.status,
            body: update.body,
            at: iso(update.createdAt),
          })),
        },
      }
    },
  },
])
