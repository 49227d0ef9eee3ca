import { setting } from '#core/modules/settings'

/**
 * What the police chief sets in /agents/admin/reglages (read with
 * readSettings('police', policeSettings)).
 */
export const policeSettings = {
  /** An absence is declared at least this many days before departure. */
  otvNoticeDays: setting.integer({ default: 3, min: 0, max: 60 }),
  /** The shortest absence watched, in days. */
  otvMinDays: setting.integer({ default: 3, min: 1, max: 60 }),
  /** The longest absence watched, in months. */
  otvMaxMonths: setting.integer({ default: 3, min: 1, max: 12 }),
  /** Passages a watched home should get each week: homes with fewer over the last 7 days are "behind". */
  otvPassagesPerWeek: setting.integer({ default: 3, min: 1, max: 21 }),
}
