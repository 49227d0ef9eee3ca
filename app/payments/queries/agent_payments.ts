import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { clock } from '#core/clock'

export const INVOICE_FILTERS = ['unpaid', 'overdue', 'all'] as const
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number]

/** What an agent's lists may show: every service's (the finance service) or their own services' only. */
export type PaymentsScope = { all: boolean; slugs: string[] }

/** The list the page asks for (?filtre=); unpaid invoices otherwise. */
export function invoiceFilter(asked: unknown): InvoiceFilter {
  return INVOICE_FILTERS.includes(asked as InvoiceFilter) ? (asked as InvoiceFilter) : 'unpaid'
}

/** The service slugs an agent outside finance sees (none matches '-': an agent without service sees nothing). */
function ownSlugs(scope: PaymentsScope) {
  return scope.slugs.length ? scope.slugs : ['-']
}

/** Invoices of the scope, the soonest due first: unpaid ones, the overdue among them, or all. */
export function agentInvoices(scope: PaymentsScope, filter: InvoiceFilter) {
  const query = Invoice.query().orderBy('dueOn').orderBy('id').limit(200)
  if (!scope.all) query.whereIn('serviceSlug', ownSlugs(scope))
  if (filter !== 'all') query.whereIn('status', ['issued', 'partly_paid'])
  if (filter === 'overdue') query.where('dueOn', '<', clock.today())
  return query
}

/** Payments of the scope that an agent must look at (amount or reference not matching), newest first. */
export function flaggedPayments(scope: PaymentsScope) {
  const query = Payment.query().where('status', 'mismatch').orderBy('id', 'desc').limit(100)
  if (!scope.all)
    query.whereIn('invoiceId', Invoice.query().select('id').whereIn('serviceSlug', ownSlugs(scope)))
  return query
}
