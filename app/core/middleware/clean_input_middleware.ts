import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { cleanInput } from '#core/services/clean_text'

/**
 * Every value a request brings — query string, body fields, route
 * parameters — loses its control characters (NUL and the like) and its
 * broken UTF-16 before any controller, validator or query sees it, once for
 * the whole app: PostgreSQL refuses NUL in text where SQLite stores it, and
 * neither engine should keep what no keyboard types. Tabs and line breaks
 * stay (multi-line texts); single-line fields fold them in their validators.
 */
export default class CleanInputMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request } = ctx
    request.updateQs(cleanInput(request.qs()))
    request.updateBody(cleanInput(request.body()))
    ctx.params = cleanInput(ctx.params)
    return next()
  }
}
