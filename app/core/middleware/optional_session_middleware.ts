import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import { SESSION_COOKIE } from '#config/session'
import { isContentPage } from '#core/services/content_pages'

/**
 * The session for every request, except an anonymous visitor reading a
 * content page (home, catalogue, information pages): no session is created
 * and no cookie is set, so those pages are cheap and cacheable. A visitor who
 * already has a session (logged in, or who filled a form) keeps it on every
 * page, so the header shows who is logged in.
 */
export default class OptionalSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const anonymousRead =
      ['GET', 'HEAD'].includes(ctx.request.method()) &&
      isContentPage(ctx.route?.pattern) &&
      !ctx.request.cookiesList()[SESSION_COOKIE]
    if (anonymousRead) return next()
    const session = await app.container.make(SessionMiddleware)
    return session.handle(ctx, next)
  }
}
