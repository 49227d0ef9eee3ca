import type { HttpContext } from '@adonisjs/core/http'

/** "Page introuvable" (404) in the reader's language: what anyone gets for something that is not theirs to see. */
export async function notFoundPage(ctx: HttpContext) {
  return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
}
