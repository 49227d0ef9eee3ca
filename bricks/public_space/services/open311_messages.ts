import i18nManager from '@adonisjs/i18n/services/main'

/**
 * The `description` of an Open311 error, in French (the city's language;
 * the spec leaves it free): `public_space.open311.errors.<key>`.
 */
export function t(key: string, data: Record<string, unknown> = {}) {
  return i18nManager.locale('fr').t(`public_space.open311.errors.${key}`, data)
}
