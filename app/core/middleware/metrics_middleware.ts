import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { httpRequestDuration } from '#core/observability/metrics'

/**
 * Times every request until its last byte left (streamed files included),
 * labelled by the route's pattern: `/mon-espace/demandes/:id`, never the
 * URL itself, so the number of series stays that of the routes.
 */
export default class MetricsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const stop = httpRequestDuration.startTimer()
    ctx.response.response.once('close', () => {
      stop({
        method: ctx.request.method(),
        route: ctx.route?.pattern ?? 'unmatched',
        status: `${Math.floor(ctx.response.response.statusCode / 100)}xx`,
      })
    })
    return next()
  }
}
