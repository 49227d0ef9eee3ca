import { safeReturnPath } from '#core/http/return_path'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { LOCALE_COOKIE } from '#core/services/view_context'

/**
 * The language switcher: remembers the choice in a plain cookie (no session
 * needed) and goes back to the page the visitor was on.
 */
export default class LanguageController {
  async switch({ params, request, response }: HttpContext) {
    const locale = String(params.locale)
    if (!i18nManager.supportedLocales().includes(locale)) {
      return response.notFound()
    }
    response.plainCookie(LOCALE_COOKIE, locale, {
      encode: false,
      maxAge: '1y',
      httpOnly: true,
      sameSite: 'lax',
    })
    return response
      .redirect()
      .status(303)
      .toPath(safeReturnPath(request.input('retour')))
  }
}
