import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { cspFactory, frameGuardFactory, hstsFactory, noSniffFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'

const headerGuards = [
  cspFactory(shieldConfig.csp ?? {}),
  frameGuardFactory(shieldConfig.xFrame ?? {}),
  hstsFactory(shieldConfig.hsts ?? {}),
  noSniffFactory(shieldConfig.contentTypeSniffing ?? {}),
]

/**
 * Shield (CSRF and security headers). Requests served without a session (see
 * OptionalSessionMiddleware) are reads that change nothing: they get the same
 * security headers — CSP with its nonce, framing, HSTS, nosniff — but no CSRF
 * secret, which would need a session.
 */
export default class OptionalShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.session) {
      for (const guard of headerGuards) await guard(ctx)
      return next()
    }
    const shield = await app.container.make(ShieldMiddleware)
    return shield.handle(ctx, next)
  }
}
