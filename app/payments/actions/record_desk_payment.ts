import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import Invoice from '#payments/models/invoice'
import Payment, { type DeskMethod } from '#payments/models/payment'
import { lockForUpdate } from '#core/database/dialect'
import { enqueue } from '#jobs/enqueue'
import { euros } from '#payments/services/invoice_pdf'
import { clock, CITY_ZONE } from '#core/clock'
import { recordAudit } from '#accounts/actions/record_audit'

export interface DeskPaymentInput {
  method: DeskMethod
  amountCents: number
  /** YYYY-MM-DD, not after today */
  paidOn: string
  receiptNumber: string
  chequeNumber?: string
  chequeBank?: string
}

/** Why a desk payment is refused: the form field it concerns and the message (i18n key) to show there. */
export class DeskPaymentRefused extends Error {
  constructor(
    readonly field: 'amount' | 'receiptNumber',
    readonly messageKey: string
  ) {
    super(messageKey)
  }
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** The moment a payment of that day is recorded at: now for today, noon in the city for an earlier day. */
function paidAtOf(paidOn: string) {
  if (paidOn === clock.today()) return clock.now()
  return DateTime.fromISO(`${paidOn}T12:00:00`, { zone: CITY_ZONE }).toUTC()
}

/**
 * Records a payment taken at the desk (cash, cheque, card terminal) on an
 * invoice. Under a row lock on the invoice, so two agents paying the same
 * invoice at once cannot take more than is due: the payment, the invoice's
 * new amount paid and status, the audit entry and the resident's receipt
 * mail (a job) are written in one transaction, or nothing is.
 */
export async function recordDeskPayment(agent: Agent, invoiceId: number, input: DeskPaymentInput) {
  try {
    return await db.transaction(async (trx) => {
      const invoice = await lockForUpdate(
        Invoice.query({ client: trx }).where('id', invoiceId),
        trx
      ).firstOrFail()
      invoice.useTransaction(trx)
      if (!invoice.payable) throw new DeskPaymentRefused('amount', 'payments.desk.not_payable')
      if (input.amountCents > invoice.dueCents)
        throw new DeskPaymentRefused('amount', 'payments.desk.too_much')
      const taken = await Payment.query({ client: trx })
        .where('method', input.method)
        .where('receiptNumber', input.receiptNumber)
        .first()
      if (taken) throw new DeskPaymentRefused('receiptNumber', 'payments.desk.receipt_taken')

      const payment = await Payment.create(
        {
          invoiceId: invoice.id,
          provider: 'desk',
          refdet: `desk-${input.method}-${input.receiptNumber}`,
          amountCents: input.amountCents,
          status: 'paid',
          method: input.method,
          receiptNumber: input.receiptNumber,
          chequeNumber: input.method === 'cheque' ? (input.chequeNumber ?? null) : null,
          chequeBank: input.method === 'cheque' ? (input.chequeBank ?? null) : null,
          recordedByAgentId: agent.id,
          paidAt: paidAtOf(input.paidOn),
        },
        { client: trx }
      )
      invoice.paidCents += input.amountCents
      invoice.settle()
      await invoice.save()
      await recordAudit(
        agent,
        'payment.recorded',
        null,
        `${invoice.number} : ${euros(input.amountCents)} (${input.method}), reçu ${input.receiptNumber}`,
        null,
        trx
      )
      await enqueue(
        'payment_receipt',
        { paymentId: payment.id },
        { client: trx, idempotencyKey: `payment_receipt:${payment.id}` }
      )
      return { invoice, payment }
    })
  } catch (error) {
    // Two agents typing the same receipt number at once: the unique key decides.
    if (isUniqueViolation(error))
      throw new DeskPaymentRefused('receiptNumber', 'payments.desk.receipt_taken')
    throw error
  }
}
