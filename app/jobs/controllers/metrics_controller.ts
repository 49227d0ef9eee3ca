import { timingSafeEqual } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import { renderMetrics } from '#core/observability/metrics'
import '#jobs/metrics'

/** Compares in constant time, so the token cannot be guessed a character at a time. */
function sameToken(given: string, expected: string) {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * `/metrics` for Prometheus: only with `Authorization: Bearer <METRICS_TOKEN>`.
 * Without METRICS_TOKEN the page does not exist (404).
 */
export default class MetricsController {
  async show({ request, response }: HttpContext) {
    const token = env.get('METRICS_TOKEN')
    if (!token) return response.notFound('Not found')
    const given = /^Bearer (.+)$/.exec(request.header('authorization') ?? '')?.[1] ?? ''
    if (!sameToken(given, token))
      return response.header('WWW-Authenticate', 'Bearer').unauthorized('Token required')
    const { contentType, body } = await renderMetrics()
    return response
      .header('Content-Type', contentType)
      .header('Cache-Control', 'no-store')
      .send(body)
  }
}
