import type { I18n } from '@adonisjs/i18n'

/**
 * One refusal reason in the reader's language. A reason of the engine is a
 * single word (incomplete), a key of the demands' refusals; a module's own
 * reason is a full key of its lang files (with dots), followed by the values
 * its message names as a query string after a question mark (days=3).
 */
export function reasonText(i18n: I18n, reason: string) {
  const generic = i18n.t('demands.refusals.generic')
  const [key, query] = reason.split('?', 2)
  if (!key.includes('.')) return i18n.t(`demands.refusals.${key}`, {}, generic)
  const values = Object.fromEntries(new URLSearchParams(query ?? ''))
  return i18n.t(key, values, generic)
}

/** Why a submission was refused, in the reader's language: one sentence per reason, a generic one for unknown reasons. */
export function refusalText(i18n: I18n, reasons: string[]) {
  return reasons.map((reason) => reasonText(i18n, reason)).join(' ')
}
