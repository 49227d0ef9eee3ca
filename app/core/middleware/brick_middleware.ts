import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import modules from '#core/services/modules'

/** Answers 404 for a disabled brick's routes, as if they did not exist. */
export default class BrickMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { name: string }) {
    if (!modules.isEnabled(options.name)) {
      return ctx.response.notFound(await renderNotFound(ctx))
    }
    return next()
  }
}

async function renderNotFound(ctx: HttpContext) {
  if ('view' in ctx && ctx.request.accepts(['html', 'json']) === 'html') {
    return ctx.view.render('pages/errors/not_found')
  }
  return { error: 'Not found' }
}
