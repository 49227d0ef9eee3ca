import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { cspFactory, frameGuardFactory, hstsFactory, noSniffFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'
import { SESSION_COOKIE } from '#config/session'
import { isContentPage } from '#core/services/content_pages'

const headerGuards = [
  cspFactory(shieldConfig.csp ?? {}),
  frameGuardFactory(shieldConfig.xFrame ?? {}),
  hstsFactory(shieldConfig.hsts ?? {}),
  noSniffFactory(shieldConfig.contentTypeSniffing ?? {}),
]

/**
 * Sessions and CSRF for every request, except an anonymous visitor reading a
 * content page (home, catalogue, information pages): no session is created
 * and no cookie is set, so those pages are cheap and cacheable. They still
 * get the same security headers (CSP with nonce, framing, HSTS, nosniff).
 * A visitor who already has a session (logged in, or who filled a form)
 * keeps it on every page, so the header shows who is logged in.
 */
export default class SessionAndShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (this.#isAnonymousContentRead(ctx)) {
      for (const guard of headerGuards) await guard(ctx)
      return next()
    }
    const session = await app.container.make(SessionMiddleware)
    const shield = await app.container.make(ShieldMiddleware)
    return session.handle(ctx, () => shield.handle(ctx, next))
  }

  #isAnonymousContentRead(ctx: HttpContext) {
    return (
      ['GET', 'HEAD'].includes(ctx.request.method()) &&
      isContentPage(ctx.route?.pattern) &&
      !ctx.request.cookiesList()[SESSION_COOKIE]
    )
  }
}
