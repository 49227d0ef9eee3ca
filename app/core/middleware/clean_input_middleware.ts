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
 * A body field of nothing but spaces is no answer: it becomes null like an
 * empty one (the body parser's convertEmptyStringsToNull), so that a
 * required field is refused with its message rather than stored blank.
 */
export default class CleanInputMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request } = ctx
    request.updateQs(cleanInput(request.qs()))
    request.updateBody(blankToNull(cleanInput(request.body())))
    ctx.params = cleanInput(ctx.params)
    return next()
  }
}

function blankToNull<T>(value: T): T {
  if (typeof value === 'string') return (value.trim() === '' ? null : value) as T
  if (Array.isArray(value)) return value.map((item) => blankToNull(item)) as T
  if (
    value &&
    typeof value === 'object' &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  ) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, blankToNull(item)])
    ) as T
  }
  return value
}
