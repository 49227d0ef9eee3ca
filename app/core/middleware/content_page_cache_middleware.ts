import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import { SESSION_COOKIE } from '#config/session'
import { clock } from '#core/clock'
import { isContentPage } from '#core/services/content_pages'
import modules from '#core/services/modules'
import { requestLocale } from '#core/services/view_context'

/** Where the response's CSP nonce stood in a stored page; a fresh nonce replaces it in each answer. */
const NONCE_MARK = '\u0000parvis-nonce\u0000'
const MAX_PAGES = 200

interface StoredPage {
  html: string
  headers: Record<string, string>
  storedAtMs: number
}

/**
 * How long an anonymous content page is served from memory. Tests read pages
 * right after changing what they show, so the suite keeps no page unless a
 * test asks for it (`contentPageCache.ttlMs`).
 */
export const contentPageCache = {
  ttlMs: app.inTest ? 0 : 30_000,
  pages: new Map<string, StoredPage>(),
  clear() {
    this.pages.clear()
  },
}

/**
 * Content pages (home, catalogue, information pages) read by an anonymous
 * visitor are the same for everyone in a language: rendering them again for
 * each request was most of their cost. Each is kept for `ttlMs` per process,
 * by language, URL and set of enabled modules, and answered with a fresh CSP
 * nonce; a change to what they show appears within that delay on every
 * server. A visitor with a session (logged in, or who filled a form) always
 * gets a page rendered for them.
 */
export default class ContentPageCacheMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request, response } = ctx
    if (
      contentPageCache.ttlMs <= 0 ||
      !['GET', 'HEAD'].includes(request.method()) ||
      !isContentPage(ctx.route?.pattern) ||
      request.cookiesList()[SESSION_COOKIE]
    )
      return next()

    const key = `${modules.generation}|${requestLocale(ctx)}|${request.url(true)}`
    const stored = contentPageCache.pages.get(key)
    if (stored && clock.nowMs() - stored.storedAtMs < contentPageCache.ttlMs) {
      for (const [name, value] of Object.entries(stored.headers)) response.header(name, value)
      response.header('X-Cache', 'hit')
      return response.send(stored.html.replaceAll(NONCE_MARK, response.nonce))
    }

    const before = { ...response.getHeaders() }
    await next()
    const body = response.getBody()
    const headers = response.getHeaders()
    if (response.getStatus() !== 200 || typeof body !== 'string' || headers['set-cookie']) return
    const added: Record<string, string> = {}
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined && before[name] !== value) added[name] = String(value)
    if (contentPageCache.pages.size >= MAX_PAGES) contentPageCache.pages.clear()
    contentPageCache.pages.set(key, {
      html: response.nonce ? body.replaceAll(response.nonce, NONCE_MARK) : body,
      headers: added,
      storedAtMs: clock.nowMs(),
    })
    response.header('X-Cache', 'miss')
  }
}
