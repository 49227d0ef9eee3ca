import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Invoice from '#payments/models/invoice'
import type Payment from '#payments/models/payment'
import { publishEvent } from '#jobs/events'
import { CITY_ZONE } from '#core/clock'

/**
 * The payments engine's business events (`invoice.issued`,
 * `payment.succeeded`), published in the transaction that writes the
 * invoice or settles the payment, with the invoice's service. Money in
 * cents, dates with the city's offset; the receiver reads the rest through
 * /api/v1.
 */
export async function publishInvoiceIssued(invoice: Invoice, trx: TransactionClientContract) {
  await publishEvent(
    {
      type: 'invoice.issued',
      service: invoice.serviceSlug,
      data: {
        invoice_id: invoice.id,
        number: invoice.number,
        service: invoice.serviceSlug,
        amount_cents: invoice.amountCents,
        currency: 'EUR',
        due_on: invoice.dueOn,
        issued_at: invoice.createdAt?.setZone(CITY_ZONE).toISO() ?? null,
      },
    },
    trx
  )
}

export async function publishPaymentSucceeded(
  payment: Payment,
  invoice: Invoice,
  trx: TransactionClientContract
) {
  await publishEvent(
    {
      type: 'payment.succeeded',
      service: invoice.serviceSlug,
      data: {
        payment_id: payment.id,
        invoice_id: invoice.id,
        invoice_number: invoice.number,
        service: invoice.serviceSlug,
        provider: payment.provider,
        method: payment.method,
        amount_cents: payment.amountCents,
        currency: 'EUR',
        paid_at: payment.paidAt?.setZone(CITY_ZONE).toISO() ?? null,
        invoice_status: invoice.status,
        invoice_due_cents: invoice.dueCents,
      },
    },
    trx
  )
}
