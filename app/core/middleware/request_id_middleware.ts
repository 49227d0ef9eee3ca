import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import logger from '@adonisjs/core/services/logger'
import { requestIdFrom } from '#core/observability/request_id'

/**
 * Gives every request an id: the load balancer's X-Request-Id when it is
 * sane, else a new one. It is sent back in the same header, written in every
 * log line of the request (the logger's mixin reads it from the request),
 * and kept by the jobs the request enqueues.
 */
export default class RequestIdMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const id = requestIdFrom(ctx.request.header('x-request-id'))
    ctx.request.request.headers['x-request-id'] = id
    ctx.response.header('X-Request-Id', id)
    // The framework's per-request child logger was bound to the header as received.
    ctx.logger = logger
    return next()
  }
}
