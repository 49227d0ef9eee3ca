import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import logger from '@adonisjs/core/services/logger'
import type ApiClient from '#api/models/api_client'
import type { ApiRoute } from '#api/define_api'
import { clientOfToken, consumeRateLimit, logApiCall } from '#api/services/clients'
import { problem, ProblemError, sendProblem } from '#api/services/problem'
import { runIdempotent, type IdempotentResult } from '#api/services/idempotency'

export const API_BASE = '/api/v1'

/** The client whose token is in `Authorization: Bearer …`, if it is known and not revoked. */
async function authenticate(ctx: HttpContext) {
  const header = ctx.request.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? clientOfToken(match[1]) : null
}

/** Counts the call against the client's limit per minute; 429 with Retry-After past it. */
async function throttle(client: ApiClient) {
  const seconds = await consumeRateLimit(client)
  if (seconds !== null) {
    throw new ProblemError(
      {
        status: 429,
        title: 'Too Many Requests',
        detail: `This client may make ${client.rateLimit} calls per minute.`,
      },
      { 'Retry-After': String(seconds) }
    )
  }
}

function toProblem(error: unknown) {
  if (error instanceof ProblemError) return error
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const failure = problem(422, 'The request does not match the schema.')
    failure.details.errors = (error.messages as { field: string; message: string }[]).map(
      ({ field, message }) => ({ field, message })
    )
    return failure
  }
  return null
}

/**
 * The HTTP handler of one declared route: bearer token, scope, rate limit,
 * validation, the route's own work, then its JSON (or problem) and the log
 * line of the call. No session, no cookie: a token is the only credential,
 * so there is nothing for a cross-site request to ride on.
 */
export function serve(route: ApiRoute) {
  const pattern = `${API_BASE}${route.path}`
  return async (ctx: HttpContext) => {
    const started = performance.now()
    let client: ApiClient | null = null
    try {
      client = await authenticate(ctx)
      if (!client) {
        throw new ProblemError(
          { status: 401, title: 'Unauthorized', detail: 'Unknown or revoked token.' },
          { 'WWW-Authenticate': 'Bearer realm="api"' }
        )
      }
      await throttle(client)
      if (!client.allows(route.scope))
        throw problem(403, `This client lacks the scope ${route.scope}.`)
      const query = route.query
        ? await route.query.validate(ctx.request.qs())
        : (ctx.request.qs() as Record<string, unknown>)
      const body = route.requestBody
        ? await route.requestBody.validator.validate(ctx.request.body())
        : undefined
      const call = { http: ctx, client, params: ctx.params, query, body }
      const result: IdempotentResult = route.idempotent
        ? await runIdempotent(route, client, call, ctx.request.body())
        : await route.handle(call)
      if (result.replayed) ctx.response.header('Idempotent-Replayed', 'true')
      if (result.etag) ctx.response.header('ETag', result.etag)
      ctx.response.header('Cache-Control', 'no-store')
      ctx.response.status(result.status ?? route.response.status)
      ctx.response.json(result.body)
    } catch (error) {
      const failure = toProblem(error)
      if (!failure) {
        logger.error({ err: error, route: pattern }, 'API call failed')
        sendProblem(ctx, problem(500, 'The server failed; the call is logged.'))
      } else sendProblem(ctx, failure)
    }
    if (client) {
      await logApiCall(client, {
        method: ctx.request.method(),
        route: pattern,
        status: ctx.response.getStatus(),
        startedAt: started,
      })
    }
  }
}
