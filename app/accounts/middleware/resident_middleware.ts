import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Resident space gate: anonymous visitors are sent to /connexion and brought back. */
export default class ResidentMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const guard = ctx.auth.use('web')
    if (!(await guard.check())) {
      if (ctx.request.method() === 'GET') {
        ctx.session.put('intended_url', ctx.request.url(true))
      }
      return ctx.response.redirect('/connexion')
    }
    return next()
  }
}
