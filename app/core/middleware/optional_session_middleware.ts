import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import { SESSION_COOKIE } from '#config/session'
import { isContentPage, isMachineCall } from '#core/services/content_pages'

/**
 * The session for every request, except an anonymous visitor reading a
 * content page (home, catalogue, information pages): no session is created
 * and no cookie is set, so those pages are cheap and cacheable. A visitor who
 * already has a session (logged in, or who filled a form) keeps it on every
 * page, so the header shows who is logged in. Calls from other machines
 * (APIs, payment notifications) never get one: each would otherwise leave a
 * row in the session store.
 *
 * A response built with a session is that visitor's alone (their name, their
 * CSRF token, their data): `Cache-Control: no-store`, so that neither a shared
 * cache nor the browser's disk keeps it, unless the page chose its own policy.
 */
export default class OptionalSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const anonymousRead =
      ['GET', 'HEAD'].includes(ctx.request.method()) &&
      isContentPage(ctx.route?.pattern) &&
      !ctx.request.cookiesList()[SESSION_COOKIE]
    if (anonymousRead || isMachineCall(ctx.request.url(), ctx.route?.pattern)) return next()
    const session = await app.container.make(SessionMiddleware)
    await session.handle(ctx, () => {
      // A cookie naming a session the store does not have (ended, expired,
      // or never issued) is not adopted: the visitor gets a new id.
      if (!ctx.session.fresh && ctx.session.isEmpty) ctx.session.regenerate()
      return next()
    })
    if (ctx.response.getHeader('cache-control') === undefined)
      ctx.response.header('Cache-Control', 'no-store')
  }
}
