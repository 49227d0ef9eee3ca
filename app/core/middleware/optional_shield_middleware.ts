import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import edge from 'edge.js'
import { csrfFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'

let csrfGuard: Promise<(ctx: HttpContext) => unknown> | undefined

/**
 * CSRF protection for requests that carry a session. Requests served without
 * one (see OptionalSessionMiddleware) are reads that change nothing and need
 * no CSRF secret. The security headers (CSP, framing, HSTS, nosniff,
 * referrer) are set for every response by SecurityHeadersMiddleware.
 */
export default class OptionalShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.session) return next()
    csrfGuard ??= app.container
      .make('encryption')
      .then((encryption) => csrfFactory(shieldConfig.csrf ?? {}, encryption, edge))
    await (
      await csrfGuard
    )(ctx)
    return next()
  }
}
