import { defineModule } from '#core/modules/define_module'
import { paymentChecks } from '#payments/checks'

/** Invoices, online payments (PayFiP), reconciliation and reminders. */
export default defineModule({
  name: 'payments',
  label: 'payments.module',
  // The finance service sees every service's invoices and payments.
  services: [{ slug: 'finances', name: 'Finances' }],
  checks: paymentChecks,
  residentSpace: {
    timeline: {
      kinds: [
        { key: 'invoice', label: 'payments.space.kind_invoice', itemLabel: 'payments.space.item_invoice' },
        { key: 'payment', label: 'payments.space.kind_payment', itemLabel: 'payments.space.item_payment' },
      ],
      source: () => import('#payments/queries/resident_timeline'),
    },
    cards: [{ order: 30, card: () => import('#payments/queries/resident_card') }],
  },
  agentDashboard: [{ counts: () => import('#payments/queries/waiting_work') }],
  seed: () => import('#payments/database/seeders/demo'),
})
