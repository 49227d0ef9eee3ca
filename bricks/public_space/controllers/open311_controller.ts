import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { logApiCall, verifyApiKey } from '#api/services/clients'
import type ApiClient from '#api/models/api_client'
import FileReport from '../actions/file_report.js'
import {
  definitionDocument,
  discoveryDocument,
  jurisdiction,
  OPEN311_BASE,
  OPEN311_SCOPE,
  serviceByCode,
  servicesDocument,
} from '../services/open311_catalog.js'
import { findRequests, requestsQuery } from '../services/open311_requests.js'
import { open311Report } from '../services/open311_filing.js'
import {
  baseOf,
  formatOf,
  Open311Error,
  send,
  sendError,
  type Format,
} from '../services/open311_format.js'
import { t } from '../services/open311_messages.js'

/**
 * The client whose `api_key` may file reports (noted in `caller`, so that
 * the call is logged even when refused for its rate); 403 or 429 otherwise.
 */
async function keyHolder(apiKey: unknown, caller: { client: ApiClient | null }) {
  const check = await verifyApiKey(typeof apiKey === 'string' ? apiKey : null, OPEN311_SCOPE)
  if (!('refused' in check)) {
    caller.client = check.client
    return check.client
  }
  if (check.refused !== 'rate') throw new Open311Error(403, t('api_key'))
  caller.client = check.client
  throw new Open311Error(429, t('rate', { limit: check.client.rateLimit }), {
    'Retry-After': String(check.retryAfter),
  })
}

/** The filing call in the client's call log, like the API's calls. */
async function logFiling(ctx: HttpContext, client: ApiClient, startedAt: number) {
  await logApiCall(client, {
    method: 'POST',
    route: ctx.route?.pattern ?? `${OPEN311_BASE}/requests`,
    status: ctx.response.getStatus(),
    startedAt,
  })
}

/**
 * The Open311 GeoReport v2 server at /open311/v2: the categories as
 * services, the public reports as requests, and filing by the business
 * software and apps the city gave a key (an API client granted
 * `open311:write` in /agents/admin/api). Machine endpoints: no session, no
 * CSRF; every answer is an XML or JSON document, errors included.
 */
export default class Open311Controller {
  async discovery(ctx: HttpContext) {
    return answer(ctx, async (format) => send(ctx, format, 'discovery', discoveryDocument()))
  }

  async services(ctx: HttpContext) {
    return answer(ctx, async (format) => {
      checkJurisdiction(ctx.request.qs())
      send(ctx, format, 'services', await servicesDocument())
    })
  }

  async definition(ctx: HttpContext) {
    return answer(ctx, async (format) => {
      checkJurisdiction(ctx.request.qs())
      const code = baseOf(ctx.params.resource)
      const service = await serviceByCode(code)
      if (!service) throw new Open311Error(404, t('unknown_service', { code }))
      send(ctx, format, 'service_definition', await definitionDocument(service.category))
    })
  }

  async index(ctx: HttpContext) {
    return answer(ctx, async (format) => {
      checkJurisdiction(ctx.request.qs())
      send(ctx, format, 'service_requests', await findRequests(requestsQuery(ctx.request.qs())))
    })
  }

  async show(ctx: HttpContext) {
    return answer(ctx, async (format) => {
      checkJurisdiction(ctx.request.qs())
      const id = baseOf(ctx.params.resource)
      const found = await findRequests({
        ids: [id],
        codes: [],
        statuses: [],
        start: null,
        end: null,
      })
      if (Array.isArray(found) && found.length === 0)
        throw new Open311Error(404, t('unknown_request', { id: id.slice(0, 40) }))
      send(ctx, format, 'service_requests', found)
    })
  }

  async store(ctx: HttpContext) {
    const started = performance.now()
    const caller: { client: ApiClient | null } = { client: null }
    await answer(ctx, async (format) => {
      const body = ctx.request.body() as Record<string, unknown>
      const client = await keyHolder(body.api_key, caller)
      const files = ctx.request.files('media')
      const report = await new FileReport().handle(await open311Report(body, client, files))
      send(ctx, format, 'service_requests', [{ service_request_id: report.reference }])
    })
    if (caller.client) await logFiling(ctx, caller.client, started)
  }

  /** Anything else under /open311: a 404 errors document. */
  async notFound(ctx: HttpContext) {
    const format = formatOf(ctx.request.url()) ?? 'xml'
    sendError(ctx, format, new Open311Error(404, t('not_found')))
  }
}

/** One endpoint serves one jurisdiction: another one sent is unknown (an empty one is as if absent). */
function checkJurisdiction(input: Record<string, unknown>) {
  const sent = input.jurisdiction_id
  if (typeof sent === 'string' && sent.trim() !== '' && sent.trim() !== jurisdiction())
    throw new Open311Error(404, t('jurisdiction', { jurisdiction: jurisdiction() }))
}

/**
 * Runs an endpoint in the format its path names; what it refuses becomes an
 * errors document with its status, and what fails unexpectedly a 400 one
 * (the spec's status for a back end that cannot serve), never an HTML page.
 */
async function answer(ctx: HttpContext, work: (format: Format) => Promise<void>) {
  const format = formatOf(ctx.request.url()) ?? 'xml'
  try {
    await work(format)
  } catch (error) {
    if (error instanceof Open311Error) return sendError(ctx, format, error)
    logger.error({ err: error, url: ctx.request.url() }, 'Open311 call failed')
    sendError(ctx, format, new Open311Error(400, t('failed')))
  }
}
