import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { frameGuardFactory, hstsFactory, noSniffFactory } from '@adonisjs/shield/guards'
import { contentSecurityPolicy } from '#core/http/content_security_policy'
import type { ShieldConfig } from '@adonisjs/shield/types'
import shieldConfig from '#config/shield'

/** Links followed from the portal tell other sites nothing of the page they come from (ids, references, searches). */
export const REFERRER_POLICY = 'same-origin'

/**
 * The security headers of every response — pages, assets, redirects, and
 * the 404 and error pages of requests that never reach a route: CSP
 * (frame-ancestors included), X-Frame-Options, HSTS (production) and nosniff
 * from config/shield.ts, and Referrer-Policy. Mounted first on the server,
 * before the body parser, so that even a refused upload's answer carries
 * them.
 */
type Guard = (ctx: HttpContext) => unknown

function guardsFor(config: ShieldConfig): Guard[] {
  return [
    // Not shield's cspFactory, which draws a nonce and rebuilds the header for every response.
    contentSecurityPolicy(config.csp),
    frameGuardFactory(config.xFrame ?? {}),
    hstsFactory(config.hsts ?? {}),
    noSniffFactory(config.contentTypeSniffing ?? {}),
  ]
}

/** The app's guards, built once: the container makes a middleware instance per request. */
let defaultGuards: Guard[] | null = null

export default class SecurityHeadersMiddleware {
  #guards: Guard[]

  constructor(config: ShieldConfig | null = null) {
    this.#guards = config ? guardsFor(config) : (defaultGuards ??= guardsFor(shieldConfig))
  }

  async handle(ctx: HttpContext, next: NextFn) {
    // The guards only write response headers; handing them the response alone
    // keeps asset requests from building a view renderer for nothing.
    const headersOnly = { response: ctx.response } as HttpContext
    for (const guard of this.#guards) await guard(headersOnly)
    ctx.response.header('Referrer-Policy', REFERRER_POLICY)
    return next()
  }
}
