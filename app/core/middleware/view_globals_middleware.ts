import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { shareViewGlobals } from '#core/services/view_context'

/** Shares the layout's data (city, navigation, logged-in resident) with every page. */
export default class ViewGlobalsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    // Without a session (anonymous content page) nobody can be logged in.
    if (ctx.session) await ctx.auth.use('web').check()
    shareViewGlobals(ctx)
    return next()
  }
}
