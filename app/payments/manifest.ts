import { FINANCE_SERVICE } from '#payments/finance_service'
import { defineModule } from '#core/modules/define_module'
import { paymentsPersonalData } from '#payments/personal_data'
import { paymentChecks } from '#payments/checks'
import { paymentsRetention } from '#payments/retention'

/** Invoices, online payments (PayFiP), reconciliation and reminders. */
export default defineModule({
  name: 'payments',
  label: 'payments.module',
  personalData: paymentsPersonalData,
  retention: paymentsRetention,
  // The finance service sees every service's invoices and payments.
  services: [{ slug: FINANCE_SERVICE, name: 'Finances' }],
  checks: paymentChecks,
  // Recording a payment taken at the desk (cash, cheque, card terminal) on any invoice;
  // cancelling an invoice or issuing a credit note; deciding on a flagged payment.
  permissions: ['payments.desk.record', 'payments.invoices.correct', 'payments.mismatch.resolve'],
  jobs: {
    payment_receipt: () =>
      import('#payments/jobs/payment_jobs').then((file) => file.paymentReceiptJob),
    invoice_reminders: () =>
      import('#payments/jobs/payment_jobs').then((file) => file.invoiceRemindersJob),
    payments_check: () =>
      import('#payments/jobs/payment_jobs').then((file) => file.paymentsCheckJob),
  },
  schedules: [
    { job: 'invoice_reminders', every: 'daily 08:00' },
    { job: 'payments_check', every: 'every 5 minutes' },
  ],
  residentSpace: {
    timeline: {
      kinds: [
        {
          key: 'invoice',
          label: 'payments.space.kind_invoice',
          itemLabel: 'payments.space.item_invoice',
        },
        {
          key: 'payment',
          label: 'payments.space.kind_payment',
          itemLabel: 'payments.space.item_payment',
        },
      ],
      source: () => import('#payments/queries/resident_timeline'),
      agents: true,
    },
    cards: [{ order: 30, card: () => import('#payments/queries/resident_card') }],
  },
  agentDashboard: [{ counts: () => import('#payments/queries/waiting_work') }],
  seed: () => import('#payments/database/seeders/demo'),
  statistics: [
    {
      key: 'paiements',
      title: 'payments.statistics.section',
      source: () => import('#payments/queries/statistics'),
    },
  ],
})
