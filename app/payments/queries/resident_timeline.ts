import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { euros } from '#payments/services/invoice_pdf'
import { FINANCE_SERVICE } from '#payments/finance_service'
import {
  olderThan,
  type AgentViewer,
  type TimelineItem,
  type TimelineSource,
} from '#accounts/resident_space'

export const INVOICE_KIND = 'invoice'
export const PAYMENT_KIND = 'payment'

/** Payment attempts the resident abandoned or that expired are noise in a history. */
const SHOWN_PAYMENTS = ['pending', 'paid', 'refused', 'mismatch'] as const

/** For an agent, the services whose invoices they see: all of them in the finance service (null), else their own. */
function invoiceServices(viewer: AgentViewer | undefined): string[] | null {
  if (!viewer || viewer.serviceSlugs.includes(FINANCE_SERVICE)) return null
  return viewer.serviceSlugs.length ? viewer.serviceSlugs : ['-']
}

/**
 * The resident's invoices (dated by their issue) and online payments (dated
 * by their start) on /mon-espace; both link to the invoice's page. For an
 * agent's 360° view, those of the agent's services (every service's for the
 * finance service, as in the agents' payments pages), linked to the agents'
 * invoice page.
 */
const paymentsTimeline: TimelineSource = async ({ userId, kinds, before, limit, t, viewer }) => {
  const items: TimelineItem[] = []
  const services = invoiceServices(viewer)
  const invoiceLink = (id: number) =>
    viewer ? `/agents/paiements/factures/${id}` : `/mon-espace/factures/${id}`
  if (kinds.includes(INVOICE_KIND)) {
    const query = Invoice.query().where('payerUserId', userId).whereNot('status', 'cancelled')
    if (services) query.whereIn('serviceSlug', services)
    olderThan(query, { dateColumn: 'created_at', idColumn: 'id', kind: INVOICE_KIND, before })
    for (const invoice of await query
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)) {
      items.push({
        kind: INVOICE_KIND,
        id: invoice.id,
        date: invoice.createdAt,
        title: invoice.label,
        status: t(`payments.statuses.${invoice.status}`),
        link: invoiceLink(invoice.id),
        detail: t('payments.space.invoice_detail', {
          number: invoice.number,
          amount: euros(invoice.amountCents),
        }),
      })
    }
  }
  if (kinds.includes(PAYMENT_KIND)) {
    // Columns are qualified through the models' tables (both tables have id, status and created_at).
    const payments = (column: string) => `${Payment.table}.${column}`
    const invoices = (column: string) => `${Invoice.table}.${column}`
    const query = Payment.query()
      .join(Invoice.table, invoices('id'), payments('invoice_id'))
      .where(invoices('payer_user_id'), userId)
      .whereIn(payments('status'), [...SHOWN_PAYMENTS])
    if (services) query.whereIn(invoices('service_slug'), services)
    query.select(
      payments('*'),
      `${invoices('label')} as invoice_label`,
      `${invoices('number')} as invoice_number`
    )
    olderThan(query, {
      dateColumn: payments('created_at'),
      idColumn: payments('id'),
      kind: PAYMENT_KIND,
      before,
    })
    for (const payment of await query
      .orderBy(payments('created_at'), 'desc')
      .orderBy(payments('id'), 'desc')
      .limit(limit)) {
      items.push({
        kind: PAYMENT_KIND,
        id: payment.id,
        date: payment.createdAt,
        title: t('payments.space.payment_title', { label: payment.$extras.invoice_label }),
        status: t(`payments.payment_statuses.${payment.status}`),
        link: invoiceLink(payment.invoiceId),
        detail: payment.recordedBySoftware
          ? t('payments.space.payment_detail_software', {
              number: payment.$extras.invoice_number,
              amount: euros(payment.amountCents),
              name: payment.recordedBySoftware,
            })
          : t('payments.space.payment_detail', {
              number: payment.$extras.invoice_number,
              amount: euros(payment.amountCents),
            }),
      })
    }
  }
  return items
}

export default paymentsTimeline
