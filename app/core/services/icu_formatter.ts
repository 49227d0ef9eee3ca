import { IntlMessageFormat } from 'intl-messageformat'
import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'

/** Past this many distinct messages the memo starts afresh (a lang file holds far fewer). */
const MAX_MESSAGES = 5000

/**
 * The ICU formatter of `t()`, with each message parsed once per locale.
 * `@adonisjs/i18n`'s own formatter builds a `new IntlMessageFormat` (parsing
 * the message) at every call, about a fifth of a page's CPU. Same options
 * as that formatter (tags are left as text), same output.
 */
export class MemoizedIcuFormatter implements TranslationsFormatterContract {
  readonly name = 'icu'
  #formats = new Map<string, IntlMessageFormat>()

  /** How many messages are parsed and kept (for tests). */
  get size() {
    return this.#formats.size
  }

  formatterFor(message: string, locale: string) {
    const key = `${locale}\0${message}`
    let format = this.#formats.get(key)
    if (!format) {
      if (this.#formats.size >= MAX_MESSAGES) this.#formats.clear()
      format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true })
      this.#formats.set(key, format)
    }
    return format
  }

  format(message: string, locale: string, data?: Record<string, any>) {
    return this.formatterFor(message, locale).format(data || {}) as string
  }
}
