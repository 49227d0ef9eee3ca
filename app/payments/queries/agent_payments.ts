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

/** An invoice the scope sees, with its lines and its payments received (newest first); null otherwise. */
export async function agentInvoice(scope: PaymentsScope, id: unknown) {
  const invoiceId = Number(id)
  if (!Number.isSafeInteger(invoiceId) || invoiceId <= 0) return null
  const query = Invoice.query().where('id', invoiceId)
  if (!scope.all) query.whereIn('serviceSlug', ownSlugs(scope))
  const invoice = await query.first()
  if (!invoice) return null
  const lines = await invoice.related('lines').query().orderBy('id')
  const payments = await paidPayments(invoice.id)
  return { invoice, lines, payments }
}

/** The payments received for an invoice, online or at the desk, newest first. */
export function paidPayments(invoiceId: number) {
  return Payment.query().where('invoiceId', invoiceId).where('status', 'paid').orderBy('id', 'desc')
}
