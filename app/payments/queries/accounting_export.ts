import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { keysetBatches } from '#core/services/csv_download'
import type { CsvValue } from '#core/services/french_csv'
import { dbTimestamp } from '#core/database/dialect'
import { CITY_ZONE } from '#core/clock'
import type { PaymentsScope } from '#payments/queries/agent_payments'
import { cityDay } from '#payments/services/city_day'

/** A period of days in the city, both included (YYYY-MM-DD). */
export type Period = { from: string; to: string }

/** The period's bounds as stored timestamps: from its first day's midnight to the midnight after its last day, in the city. */
function bounds({ from, to }: Period) {
  const start = DateTime.fromISO(from, { zone: CITY_ZONE }).startOf('day').toUTC()
  const end = DateTime.fromISO(to, { zone: CITY_ZONE }).plus({ days: 1 }).startOf('day').toUTC()
  return [dbTimestamp(start), dbTimestamp(end)] as const
}

function ownSlugs(scope: PaymentsScope) {
  return scope.slugs.length ? scope.slugs : ['-']
}

/** Euros as a number (a French spreadsheet shows 12,5 for 1250 cents). */
const euros = (cents: number) => Number(cents) / 100

interface PaymentLine {
  id: number
  paid_at: Date | string
  invoice_number: string
  payer_name: string
  service_slug: string
  provider: string
  method: string | null
  amount_cents: number
  receipt_number: string | null
  refdet: string
  authorisation: string | null
}

/** Payments received in the period (online, at the desk, or flagged ones an agent credited), by id. */
export function accountingPayments(scope: PaymentsScope, period: Period) {
  const [start, end] = bounds(period)
  return keysetBatches<PaymentLine>((afterId, size) => {
    // Short aliases: a quoted 'payments.<column>' would read as a translation key to the i18n check.
    const query = db
      .from('payments as pay')
      .join('invoices as inv', 'inv.id', 'pay.invoice_id')
      .select(
        'pay.id',
        'pay.paid_at',
        'inv.number as invoice_number',
        'inv.payer_name',
        'inv.service_slug',
        'pay.provider',
        'pay.method',
        'pay.amount_cents',
        'pay.receipt_number',
        'pay.refdet',
        'pay.authorisation'
      )
      .where('pay.status', 'paid')
      .where('pay.paid_at', '>=', start)
      .where('pay.paid_at', '<', end)
      .where('pay.id', '>', afterId)
      .orderBy('pay.id')
      .limit(size)
    if (!scope.all) query.whereIn('inv.service_slug', ownSlugs(scope))
    return query as Promise<PaymentLine[]>
  })
}

export const PAYMENT_HEADER = [
  'Date d’encaissement',
  'N° facture',
  'Payeur',
  'Service',
  'Moyen de paiement',
  'Montant (€)',
  'N° de reçu',
  'Référence',
  'Autorisation',
]

/** One payment as a line of the finance software's import. */
export function paymentCells(
  row: PaymentLine,
  methodLabel: (method: string) => string
): CsvValue[] {
  return [
    cityDay(row.paid_at),
    row.invoice_number,
    row.payer_name,
    row.service_slug,
    methodLabel(row.method ?? 'online'),
    euros(row.amount_cents),
    row.receipt_number,
    row.refdet,
    row.authorisation,
  ]
}

interface InvoiceLine {
  id: number
  number: string
  created_at: Date | string
  payer_name: string
  service_slug: string
  label: string
  amount_cents: number
  credited_cents: number
  paid_cents: number
  due_on: string
  status: string
  cancel_reason: string | null
}

/** Invoices issued in the period, by id, with what was credited, paid and is still due. */
export function accountingInvoices(scope: PaymentsScope, period: Period) {
  const [start, end] = bounds(period)
  return keysetBatches<InvoiceLine>((afterId, size) => {
    const query = db
      .from('invoices')
      .select(
        'id',
        'number',
        'created_at',
        'payer_name',
        'service_slug',
        'label',
        'amount_cents',
        'credited_cents',
        'paid_cents',
        'due_on',
        'status',
        'cancel_reason'
      )
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(size)
    if (!scope.all) query.whereIn('service_slug', ownSlugs(scope))
    return query as Promise<InvoiceLine[]>
  })
}

export const INVOICE_HEADER = [
  'N° facture',
  'Émise le',
  'Payeur',
  'Service',
  'Objet',
  'Montant (€)',
  'Avoirs (€)',
  'Payé (€)',
  'Reste dû (€)',
  'Échéance',
  'État',
  'Motif d’annulation',
]

/** One invoice as a line of the finance software's import. */
export function invoiceCells(
  row: InvoiceLine,
  statusLabel: (status: string) => string
): CsvValue[] {
  const cancelled = row.status === 'cancelled'
  const due = cancelled ? 0 : Math.max(0, row.amount_cents - row.credited_cents - row.paid_cents)
  return [
    row.number,
    cityDay(row.created_at),
    row.payer_name,
    row.service_slug,
    row.label,
    euros(row.amount_cents),
    euros(row.credited_cents),
    euros(row.paid_cents),
    euros(due),
    row.due_on.split('-').reverse().join('/'),
    statusLabel(row.status),
    row.cancel_reason,
  ]
}
