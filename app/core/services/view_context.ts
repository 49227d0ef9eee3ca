import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import parvisConfig from '#config/parvis'
import modules from '#core/services/modules'

/** Cookie holding the language a visitor chose with the switcher. */
export const LOCALE_COOKIE = 'parvis_lang'

/** The language of a request: explicit choice (cookie), else Accept-Language, else French. */
export function requestLocale(ctx: HttpContext): string {
  const chosen = ctx.request.plainCookie(LOCALE_COOKIE, { encoded: false })
  if (chosen && i18nManager.supportedLocales().includes(chosen)) return chosen
  return i18nManager.getSupportedLocaleFor(ctx.request.languages()) ?? i18nManager.defaultLocale
}

/** An empty flash store, for pages rendered outside the session (error pages of unknown routes). */
const NO_FLASH = {
  has: () => false,
  get: () => undefined,
  all: () => ({}),
}

/**
 * What every page's layout needs. Called by the view-globals middleware and
 * by the exception handler, which also renders pages for requests that never
 * reached the router (unknown URLs).
 */
export function shareViewGlobals(ctx: HttpContext) {
  if (!ctx.i18n) {
    ctx.i18n = i18nManager.locale(requestLocale(ctx))
    ctx.view.share({ i18n: ctx.i18n })
  }
  const webGuard = ctx.auth?.use('web')
  ctx.view.share({
    city: parvisConfig.city,
    currentPath: ctx.request.url(),
    currentUrl: ctx.request.url(true),
    locale: ctx.i18n.locale,
    frontNavigation: modules.frontNavigation(),
    // The agent middleware shares the links of the logged-in agent's bricks.
    backNavigation: [],
    currentUser: webGuard?.user ?? null,
  })
  if (!ctx.session) {
    ctx.view.share({ flashMessages: NO_FLASH, currentAgent: null })
  }
}
