import { setting } from '#core/modules/settings'

/**
 * What the city sets itself in /agents/admin/reglages (read with
 * readSettings('childhood', childhoodSettings)): the school meal price of
 * each quotient band, in cents, and the school holiday zone. The next invoicing run uses the prices in
 * force when it runs; invoices already issued keep theirs.
 */
export const childhoodSettings = {
  mealPriceA: setting.money({ default: 120, max: 10_000 }),
  mealPriceB: setting.money({ default: 285, max: 10_000 }),
  mealPriceC: setting.money({ default: 380, max: 10_000 }),
  mealPriceD: setting.money({ default: 450, max: 10_000 }),
  // The city's school holiday zone: only its periods are kept when the national calendar is imported, and the canteen invoicing skips them.
  schoolZone: setting.choice({ choices: ['A', 'B', 'C'] as const, default: 'C' }),
  /** How long before the day a family may still declare an absence online (hours): later, only the service records it. */
  absenceNoticeHours: setting.integer({ default: 48, min: 0, max: 720 }),
}
