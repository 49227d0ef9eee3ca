import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import { SESSION_COOKIE } from '#config/session'
import { clock } from '#core/clock'
import { isContentPage } from '#core/services/content_pages'
import modules from '#core/services/modules'
import { requestLocale } from '#core/services/view_context'
import { compress, MIN_BYTES, pickEncoding } from '#middleware/compression_middleware'

const MAX_PAGES = 200

interface StoredPage {
  /** The page as sent, UTF-8 */
  bytes: Buffer
  contentType: string
  headers: Record<string, string>
  storedAtMs: number
  /** The page compressed, each encoding the first time a browser asks for it */
  br?: Buffer
  gzip?: Buffer
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
 * by language, URL and set of enabled modules, as the bytes sent — and
 * compressed once per encoding, not at each answer (the CSP has no nonce,
 * config/shield.ts, so the page is the same for every visitor); a change to
 * what they show appears within that delay on every server. A visitor with a
 * session (logged in, or who filled a form) always gets a page rendered for
 * them.
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
      response.header('Content-Type', stored.contentType)
      response.header('X-Cache', 'hit')
      response.append('Vary', 'Accept-Encoding')
      const encoding =
        stored.bytes.length >= MIN_BYTES
          ? pickEncoding(request.header('accept-encoding') ?? '')
          : null
      if (!encoding) return response.send(stored.bytes)
      response.header('Content-Encoding', encoding)
      return response.send((stored[encoding] ??= compress(stored.bytes, encoding)))
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
      bytes: Buffer.from(body),
      contentType: String(headers['content-type'] ?? 'text/html; charset=utf-8'),
      headers: added,
      storedAtMs: clock.nowMs(),
    })
    response.header('X-Cache', 'miss')
  }
}
