import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import CreditNote from '#payments/models/credit_note'
import { containsInsensitive } from '#core/database/dialect'
import { clock } from '#core/clock'
import { queryId, queryText } from '#core/http/query_filters'

export const INVOICE_FILTERS = ['unpaid', 'overdue', 'all'] as const
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number]

export const PAYMENT_FILTERS = ['all', 'paid', 'mismatch', 'resolved'] as const
export type PaymentFilter = (typeof PAYMENT_FILTERS)[number]

/** Rows on one page of the agents' lists. */
export const PAGE_SIZE = 50
/** The search box's length (a longer search is cut). */
export const SEARCH_MAXLENGTH = 100

/** What an agent's lists may show: every service's (the finance service) or their own services' only. */
export type PaymentsScope = { all: boolean; slugs: string[] }

/** A list's filter and search (reference or payer's name), as typed in its GET form. */
export type ListFilters<F> = { filter: F; q: string }

/** The list the page asks for (?filtre=); unpaid invoices otherwise. */
export function invoiceFilter(asked: unknown): InvoiceFilter {
  return INVOICE_FILTERS.includes(asked as InvoiceFilter) ? (asked as InvoiceFilter) : 'unpaid'
}

export function invoiceListFilters(qs: Record<string, unknown>): ListFilters<InvoiceFilter> {
  return { filter: invoiceFilter(qs.filtre), q: searchTerm(qs.q) }
}

export function paymentListFilters(qs: Record<string, unknown>): ListFilters<PaymentFilter> {
  const asked = qs.statut as PaymentFilter
  return { filter: PAYMENT_FILTERS.includes(asked) ? asked : 'all', q: searchTerm(qs.q) }
}

/** The search as typed (control characters already gone, clean_input_middleware), cut to its box's length. */
function searchTerm(value: unknown) {
  return queryText(value, SEARCH_MAXLENGTH)
}

/** The query string of a list with these filters (and a page key), for its links. */
export function listQuery(
  filters: ListFilters<string>,
  filterName: 'filtre' | 'statut',
  before?: number
) {
  const params = new URLSearchParams()
  params.set(filterName, filters.filter)
  if (filters.q) params.set('q', filters.q)
  if (before) params.set('avant', String(before))
  return params.toString()
}

/** The filter as written in an audit entry: which list, which search. */
export function auditFilter(filters: ListFilters<string>) {
  return filters.q ? `${filters.filter}, « ${filters.q} »` : filters.filter
}

/** The service slugs an agent outside finance sees (none matches '-': an agent without service sees nothing). */
function ownSlugs(scope: PaymentsScope) {
  return scope.slugs.length ? scope.slugs : ['-']
}

/** A page key typed in the address bar: a positive id, or none. */
export const pageKey = queryId

/**
 * A search is a reference (an invoice number, a receipt number, a payment
 * reference: one word with a digit), looked up by equality on indexed columns
 * so it stays instant on 100,000 rows, or a part of a payer's name (any case),
 * which reads the scope's rows.
 */
export function isReference(q: string) {
  return /\d/.test(q) && !/\s/.test(q)
}

function nameContains(column: string, q: string) {
  return containsInsensitive(db.connection(), [column], q)
}

/** Invoices of the scope with the list's filter and search. */
function invoicesQuery(scope: PaymentsScope, { filter, q }: ListFilters<InvoiceFilter>) {
  const query = Invoice.query()
  if (!scope.all) query.whereIn('serviceSlug', ownSlugs(scope))
  if (filter !== 'all') query.whereIn('status', ['issued', 'partly_paid'])
  if (filter === 'overdue') query.where('dueOn', '<', clock.today())
  if (q && isReference(q)) query.where('number', q.toUpperCase())
  else if (q) {
    const contains = nameContains('payer_name', q)
    query.whereRaw(contains.sql, contains.bindings)
  }
  return query
}

/** A page of invoices, newest first, before the id `before` (keyset); whether older ones remain. */
export async function invoicesPage(
  scope: PaymentsScope,
  filters: ListFilters<InvoiceFilter>,
  before: number | null
) {
  const query = invoicesQuery(scope, filters)
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { invoices: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}

/** The invoices of the list after `afterId`, oldest first: the batches of its CSV export. */
export function invoiceBatch(scope: PaymentsScope, filters: ListFilters<InvoiceFilter>) {
  return (afterId: number, size: number) =>
    invoicesQuery(scope, filters).where('id', '>', afterId).orderBy('id').limit(size)
}

/** A payment of a list, with what an agent needs of its invoice. */
export interface PaymentRow {
  id: number
  invoice_id: number
  provider: string
  refdet: string
  amount_cents: number
  status: Payment['status']
  method: string | null
  receipt_number: string | null
  authorisation: string | null
  flag: string | null
  resolution: string | null
  paid_at: Date | string | null
  created_at: Date | string
  invoice_number: string
  payer_name: string
  service_slug: string
}

/** Payments of the scope, joined to their invoice, with the list's filter and search. */
function paymentsQuery(scope: PaymentsScope, { filter, q }: ListFilters<PaymentFilter>) {
  const query = db
    // Short aliases: a quoted 'payments.<column>' would read as a translation key to the i18n check.
    .from('payments as pay')
    .join('invoices as inv', 'inv.id', 'pay.invoice_id')
    .select(
      'pay.id',
      'pay.invoice_id',
      'pay.provider',
      'pay.refdet',
      'pay.amount_cents',
      'pay.status',
      'pay.method',
      'pay.receipt_number',
      'pay.authorisation',
      'pay.flag',
      'pay.resolution',
      'pay.paid_at',
      'pay.created_at',
      'inv.number as invoice_number',
      'inv.payer_name',
      'inv.service_slug'
    )
  if (!scope.all) query.whereIn('inv.service_slug', ownSlugs(scope))
  if (filter === 'paid') query.where('pay.status', 'paid')
  if (filter === 'mismatch') query.where('pay.status', 'mismatch')
  if (filter === 'resolved') query.whereNotNull('pay.resolution')
  if (q && isReference(q))
    query.where((inner) => {
      inner
        .where('pay.receipt_number', q)
        .orWhere('pay.refdet', q)
        .orWhere(
          'pay.invoice_id',
          db.from('invoices').select('id').where('number', q.toUpperCase()).limit(1)
        )
    })
  else if (q) {
    const contains = nameContains('inv.payer_name', q)
    query.whereRaw(contains.sql, contains.bindings)
  }
  return query
}

/** A page of payments, newest first, before the id `before` (keyset); whether older ones remain. */
export async function paymentsPage(
  scope: PaymentsScope,
  filters: ListFilters<PaymentFilter>,
  before: number | null
) {
  const query = paymentsQuery(scope, filters)
    .orderBy('pay.id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (before) query.where('pay.id', '<', before)
  const rows = (await query) as PaymentRow[]
  return { payments: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}

/** The payments of the list after `afterId`, oldest first: the batches of its CSV export. */
export function paymentBatch(scope: PaymentsScope, filters: ListFilters<PaymentFilter>) {
  return (afterId: number, size: number) =>
    paymentsQuery(scope, filters)
      .where('pay.id', '>', afterId)
      .orderBy('pay.id')
      .limit(size) as Promise<PaymentRow[]>
}

/** How many payments of the scope wait for an agent's decision. */
export async function mismatchCount(scope: PaymentsScope) {
  const [row] = await paymentsQuery(scope, { filter: 'mismatch', q: '' })
    .clearSelect()
    .count('* as total')
  return Number(row?.total ?? 0)
}

/** A timestamp as the driver returns it (a Date on PostgreSQL, UTC text on SQLite). */
export function driverDateTime(value: Date | string | null) {
  if (!value) return null
  return value instanceof Date
    ? DateTime.fromJSDate(value)
    : DateTime.fromSQL(value, { zone: 'utc' })
}

/** An invoice the scope sees, or null. */
export async function scopedInvoice(scope: PaymentsScope, id: unknown) {
  const invoiceId = pageKey(id)
  if (!invoiceId) return null
  const query = Invoice.query().where('id', invoiceId)
  if (!scope.all) query.whereIn('serviceSlug', ownSlugs(scope))
  return query.first()
}

/** An invoice the scope sees, with its lines, payments received (newest first) and credit notes; null otherwise. */
export async function agentInvoice(scope: PaymentsScope, id: unknown) {
  const invoice = await scopedInvoice(scope, id)
  if (!invoice) return null
  const lines = await invoice.related('lines').query().orderBy('id')
  const payments = await paidPayments(invoice.id)
  const creditNotes = await invoiceCreditNotes(invoice.id)
  return { invoice, lines, payments, creditNotes }
}

/** A payment the scope sees (through its invoice), with that invoice; null otherwise. */
export async function agentPayment(scope: PaymentsScope, id: unknown) {
  const paymentId = pageKey(id)
  if (!paymentId) return null
  const payment = await Payment.find(paymentId)
  if (!payment) return null
  const invoice = await scopedInvoice(scope, payment.invoiceId)
  return invoice ? { payment, invoice } : null
}

/** The payments received for an invoice, online or at the desk, newest first. */
export function paidPayments(invoiceId: number) {
  return Payment.query().where('invoiceId', invoiceId).where('status', 'paid').orderBy('id', 'desc')
}

/** The credit notes of an invoice, oldest first. */
export function invoiceCreditNotes(invoiceId: number) {
  return CreditNote.query().where('invoiceId', invoiceId).orderBy('id')
}
