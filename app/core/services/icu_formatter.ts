import { IntlMessageFormat } from 'intl-messageformat'
import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'

/** Past this many distinct messages the memo starts afresh (a lang file holds far fewer). */
const MAX_MESSAGES = 5000

/* Element types of intl-messageformat's syntax tree: raw text, and an argument without format (`{name}`). */
const LITERAL = 0
const ARGUMENT = 1

/** A message of text and plain `{arguments}` only: its pieces, in order, and the names of its arguments. */
interface PlainMessage {
  pieces: { text: string; argument: boolean }[]
}

interface Parsed {
  format: IntlMessageFormat
  plain: PlainMessage | null
}

function plainMessage(format: IntlMessageFormat): PlainMessage | null {
  const pieces: PlainMessage['pieces'] = []
  for (const element of format.getAst()) {
    if (element.type === LITERAL) pieces.push({ text: element.value, argument: false })
    else if (element.type === ARGUMENT) pieces.push({ text: element.value, argument: true })
    else return null
  }
  return { pieces }
}

/**
 * The ICU formatter of `t()`, with each message parsed once per locale.
 * `@adonisjs/i18n`'s own formatter builds a `new IntlMessageFormat` (parsing
 * the message) at every call, about a fifth of a page's CPU. Same options
 * as that formatter (tags are left as text), same output.
 *
 * Most messages are text with at most a few plain `{arguments}` (no plural,
 * select, number or date): those are put together here from their pieces,
 * with each argument's text as intl-messageformat gives it, instead of going
 * through its formatToParts (the inbox prints one such message per row).
 * Anything else — a plural, a missing or non-text value — is formatted by
 * intl-messageformat, errors included.
 */
export class MemoizedIcuFormatter implements TranslationsFormatterContract {
  readonly name = 'icu'
  /* By locale, then by message: the messages are the lang files' own strings, whose hash V8 keeps (a key made of both was a new string to hash at every call). */
  #parsed = new Map<string, Map<string, Parsed>>()
  #count = 0

  /** How many messages are parsed and kept (for tests). */
  get size() {
    return this.#count
  }

  #parse(message: string, locale: string) {
    let messages = this.#parsed.get(locale)
    if (!messages) {
      messages = new Map()
      this.#parsed.set(locale, messages)
    }
    let parsed = messages.get(message)
    if (!parsed) {
      if (this.#count >= MAX_MESSAGES) {
        for (const kept of this.#parsed.values()) kept.clear()
        this.#count = 0
      }
      const format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true })
      parsed = { format, plain: plainMessage(format) }
      messages.set(message, parsed)
      this.#count++
    }
    return parsed
  }

  formatterFor(message: string, locale: string) {
    return this.#parse(message, locale).format
  }

  format(message: string, locale: string, data?: Record<string, any>) {
    const { format, plain } = this.#parse(message, locale)
    if (plain) {
      let text = ''
      for (const piece of plain.pieces) {
        if (!piece.argument) {
          text += piece.text
          continue
        }
        const value = data?.[piece.text]
        // intl-messageformat's text of a string or a number; anything else is left to it.
        if (typeof value === 'string') text += value
        else if (typeof value === 'number') text += String(value)
        else return format.format(data || {}) as string
      }
      return text
    }
    return format.format(data || {}) as string
  }
}
