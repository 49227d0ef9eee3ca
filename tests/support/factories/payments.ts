import type User from '#accounts/models/user'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { clock } from '#core/clock'

/** A canteen invoice of two lines (42,60 €) for this resident. */
export function canteenInvoice(user: User, options: { dueOn?: string; source?: string } = {}) {
  return issueInvoice({
    payer: { userId: user.id, name: user.fullName, email: user.email },
    serviceSlug: 'enfance',
    label: 'Restauration scolaire — novembre 2026',
    dueOn: options.dueOn ?? clock.now().plus({ days: 20 }).toISODate()!,
    lines: [
      { label: 'Repas Léa (tranche B)', quantity: 12, unitCents: 285 },
      { label: 'Repas Hugo (tranche B)', quantity: 3, unitCents: 280 },
    ],
    source: options.source,
  })
}
