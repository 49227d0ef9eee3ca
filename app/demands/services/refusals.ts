import type { I18n } from '@adonisjs/i18n'

/** Why a submission was refused, in the reader's language: one sentence per reason, a generic one for unknown reasons. */
export function refusalText(i18n: I18n, reasons: string[]) {
  return reasons
    .map((reason) => i18n.t(`demands.refusals.${reason}`, {}, i18n.t('demands.refusals.generic')))
    .join(' ')
}
