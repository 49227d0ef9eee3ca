import type { I18n } from '@adonisjs/i18n'
import type Agent from '#accounts/models/agent'
import type Invoice from '#payments/models/invoice'
import type { CsvDownload } from '#core/services/csv_download'
import { keysetBatches } from '#core/services/csv_download'
import { cityDay } from '#payments/services/city_day'
import {
  auditFilter,
  driverDateTime,
  invoiceBatch,
  invoicesPage,
  listQuery,
  mismatchCount,
  paymentBatch,
  paymentsPage,
  type InvoiceFilter,
  type ListFilters,
  type PaymentFilter,
  type PaymentRow,
  type PaymentsScope,
} from '#payments/queries/agent_payments'
import { recordAudit } from '#accounts/actions/record_audit'
import { auditExport } from '#accounts/actions/audited_export'

/** Translations looked up once per key: an export asks for the same few labels thousands of times. */
function cachedT(i18n: I18n) {
  const cache = new Map<string, string>()
  return (key: string) => {
    let text = cache.get(key)
    if (text === undefined) cache.set(key, (text = i18n.t(key)))
    return text
  }
}

const toEuros = (cents: number) => Number(cents) / 100

/**
 * /agents/paiements: a page of invoices with payers' names, so its viewing is
 * audited ('list.viewed', with how many rows were shown), the link to the next
 * page and to the CSV of the same filter.
 */
export async function invoiceListPage(
  agent: Agent,
  scope: PaymentsScope,
  filters: ListFilters<InvoiceFilter>,
  before: number | null
) {
  const page = await invoicesPage(scope, filters, before)
  await recordAudit(
    agent,
    'list.viewed',
    null,
    `factures ${auditFilter(filters)}`,
    page.invoices.length
  )
  const last = page.invoices[page.invoices.length - 1]
  return {
    invoices: page.invoices,
    filters,
    mismatches: await mismatchCount(scope),
    firstUrl: before ? `/agents/paiements?${listQuery(filters, 'filtre')}` : null,
    nextUrl: page.more ? `/agents/paiements?${listQuery(filters, 'filtre', last.id)}` : null,
    exportUrl: `/agents/paiements/export.csv?${listQuery(filters, 'filtre')}`,
  }
}

/** /agents/paiements/encaissements: a page of payments (payers' names too, so audited the same way). */
export async function paymentListPage(
  agent: Agent,
  scope: PaymentsScope,
  filters: ListFilters<PaymentFilter>,
  before: number | null
) {
  const page = await paymentsPage(scope, filters, before)
  await recordAudit(
    agent,
    'list.viewed',
    null,
    `paiements ${auditFilter(filters)}`,
    page.payments.length
  )
  const last = page.payments[page.payments.length - 1]
  const base = '/agents/paiements/encaissements'
  return {
    payments: page.payments.map((row) => ({ ...row, paidAt: driverDateTime(row.paid_at) })),
    filters,
    firstUrl: before ? `${base}?${listQuery(filters, 'statut')}` : null,
    nextUrl: page.more ? `${base}?${listQuery(filters, 'statut', last.id)}` : null,
    exportUrl: `${base}/export.csv?${listQuery(filters, 'statut')}`,
  }
}

/** The invoices of the list's filter as CSV, audited ('list.exported' with the row count). */
export async function invoiceListCsv(
  agent: Agent,
  scope: PaymentsScope,
  filters: ListFilters<InvoiceFilter>,
  i18n: I18n
): Promise<CsvDownload<Invoice>> {
  const t = cachedT(i18n)
  return {
    name: 'factures',
    header: [
      'number',
      'payer',
      'label',
      'service',
      'total',
      'paid',
      'left',
      'due_on',
      'status',
    ].map((key) => t(key === 'service' ? 'payments.list.service' : `payments.fields.${key}`)),
    batches: keysetBatches(invoiceBatch(scope, filters)),
    toCells: (invoice) => [
      invoice.number,
      invoice.payerName,
      invoice.label,
      invoice.serviceSlug,
      toEuros(invoice.amountCents),
      toEuros(invoice.paidCents),
      toEuros(invoice.status === 'cancelled' ? 0 : invoice.dueCents),
      invoice.dueOn.split('-').reverse().join('/'),
      t(`payments.statuses.${invoice.status}`),
    ],
    onDone: await auditExport(agent, 'factures', auditFilter(filters)),
  }
}

/** The payments of the list's filter as CSV, audited ('list.exported' with the row count). */
export async function paymentListCsv(
  agent: Agent,
  scope: PaymentsScope,
  filters: ListFilters<PaymentFilter>,
  i18n: I18n
): Promise<CsvDownload<PaymentRow>> {
  const t = cachedT(i18n)
  return {
    name: 'paiements',
    header: [
      'payments.desk.paid_on',
      'payments.fields.number',
      'payments.fields.payer',
      'payments.desk.method',
      'payments.fields.amount',
      'payments.desk.receipt_number',
      'payments.list.reference',
      'payments.fields.status',
    ].map(t),
    batches: keysetBatches(paymentBatch(scope, filters)),
    toCells: (row) => [
      cityDay(row.paid_at ?? row.created_at),
      row.invoice_number,
      row.payer_name,
      t(`payments.methods.${row.method ?? 'online'}`),
      toEuros(row.amount_cents),
      row.receipt_number ?? row.authorisation,
      row.refdet,
      t(`payments.payment_statuses.${row.status}`),
    ],
    onDone: await auditExport(agent, 'paiements', auditFilter(filters)),
  }
}
