import { defineModule } from '#core/modules/define_module'
import { paymentChecks } from '#payments/checks'

/** Invoices, online payments (PayFiP), reconciliation and reminders. */
export default defineModule({
  name: 'payments',
  label: 'payments.module',
  // The finance service sees every service's invoices and payments.
  services: [{ slug: 'finances', name: 'Finances' }],
  checks: paymentChecks,
})
