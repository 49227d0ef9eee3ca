import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { shareViewGlobals } from '#core/services/view_context'
import { notFoundPage } from '#core/services/not_found'
import { NotFoundError } from '#core/http/not_found'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'

/**
 * Residents and agents never see a stack trace: HTML requests get a page in
 * their language, JSON requests a short error. Developers see the full error
 * page only in development.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest
  protected renderStatusPages = app.inProduction || app.inTest

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '404': (_, { view }) => view.render('pages/errors/not_found'),
    '403': (_, { view }) => view.render('pages/errors/forbidden'),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  // Lookups throw NotFoundError for what is missing or not the reader's: an answer, not an incident to log.
  constructor() {
    super()
    this.ignoreExceptions.push(NotFoundError)
  }

  async handle(error: unknown, ctx: HttpContext) {
    if ('view' in ctx) shareViewGlobals(ctx)
    // The same page as notFoundPage(ctx), in every environment (development's error page would show a stack).
    if (error instanceof NotFoundError && 'view' in ctx) return notFoundPage(ctx)
    if (
      error instanceof limiterErrors.E_TOO_MANY_REQUESTS &&
      'view' in ctx &&
      ctx.request.accepts(['html', 'json']) === 'html'
    ) {
      const retryAfter = error.response.availableIn
      ctx.response.header('Retry-After', String(retryAfter))
      // The limit names what it protects (start/limiter.ts `protecting`); the page says so.
      const reason = error.translation?.identifier ?? 'common.errors.too_many_text'
      return ctx.response
        .status(429)
        .send(await ctx.view.render('pages/errors/too_many_requests', { retryAfter, reason }))
    }
    // A request larger than the body parser accepts (files of 40 MB and more): a page that says so, not an error.
    if (
      (error as { status?: number }).status === 413 &&
      'view' in ctx &&
      ctx.request.accepts(['html', 'json']) === 'html'
    ) {
      return ctx.response.status(413).send(await ctx.view.render('pages/errors/too_large'))
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
