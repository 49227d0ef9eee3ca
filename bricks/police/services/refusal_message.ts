import type { I18n } from '@adonisjs/i18n'

/** A refusal reason of this brick (`police.otv.refusals.too_soon?days=3`) in the reader's language. */
export function refusalMessage(i18n: I18n, reason: string) {
  const [key, query] = reason.split('?', 2)
  return i18n.t(key, Object.fromEntries(new URLSearchParams(query ?? '')))
}
