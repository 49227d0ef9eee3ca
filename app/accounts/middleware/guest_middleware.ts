import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Login and registration pages: a logged-in resident or agent goes to their space. */
export default class GuestMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { guard: 'web' | 'agent' }) {
    if (await ctx.auth.use(options.guard).check()) {
      return ctx.response.redirect(options.guard === 'agent' ? '/agents' : '/mon-espace')
    }
    return next()
  }
}
