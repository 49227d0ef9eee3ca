import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { shareViewGlobals } from '#core/services/view_context'

/** Shares the layout's data (city, navigation, logged-in resident) with every page. */
export default class ViewGlobalsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    // Without a session (anonymous content page) nobody can be logged in. A
    // session that holds no resident (an agent's, a visitor's) is not asked
    // either: the guard would build and throw an exception to say so, a few
    // percent of an agent page's CPU.
    const residents = ctx.session ? ctx.auth.use('web') : null
    if (residents && ctx.session.has(residents.sessionKeyName)) await residents.check()
    shareViewGlobals(ctx)
    return next()
  }
}
