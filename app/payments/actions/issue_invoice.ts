import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Invoice from '#payments/models/invoice'
import { publishInvoiceIssued } from '#payments/events'
import InvoiceLine from '#payments/models/invoice_line'
import { nextNumber } from '#core/database/numbering'
import { clock } from '#core/clock'

export interface InvoiceRequest {
  payer: { userId: number | null; name: string; email: string | null }
  serviceSlug: string
  label: string
  dueOn: string
  lines: { label: string; quantity: number; unitCents: number }[]
  /** stable key of what is invoiced: issuing twice the same source gives back the first invoice */
  source?: string
}

/**
 * Issues an invoice with its lines and number (`FAC-<year>-<6 digits>`) in
 * one transaction (the caller's, when given). Amounts are integer cents.
 */
export async function issueInvoice(
  request: InvoiceRequest,
  client?: TransactionClientContract,
  now: DateTime = clock.now()
) {
  const work = async (trx: TransactionClientContract) => {
    if (request.source) {
      const existing = await Invoice.query({ client: trx }).where('source', request.source).first()
      if (existing) return existing
    }
    const lines = request.lines.map((line) => ({
      ...line,
      totalCents: line.quantity * line.unitCents,
    }))
    if (
      lines.some(
        (line) =>
          !Number.isInteger(line.unitCents) || !Number.isInteger(line.quantity) || line.quantity < 0
      )
    )
      throw new Error('Invoice amounts must be whole cents')
    const invoice = await Invoice.create(
      {
        number: await nextNumber(trx, 'FAC', now),
        payerUserId: request.payer.userId,
        payerName: request.payer.name,
        payerEmail: request.payer.email,
        serviceSlug: request.serviceSlug,
        label: request.label,
        amountCents: lines.reduce((sum, line) => sum + line.totalCents, 0),
        paidCents: 0,
        creditedCents: 0,
        dueOn: request.dueOn,
        status: 'issued',
        source: request.source ?? null,
      },
      { client: trx }
    )
    await InvoiceLine.createMany(
      lines.map((line) => ({ ...line, invoiceId: invoice.id })),
      { client: trx }
    )
    await publishInvoiceIssued(invoice, trx)
    return invoice
  }
  return client ? work(client) : db.transaction(work)
}
