import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import Invoice from '#payments/models/invoice'
import Payment, { type DeskMethod } from '#payments/models/payment'
import { lockForUpdate } from '#core/database/dialect'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { publishPaymentSucceeded } from '#payments/events'
import { enqueue } from '#jobs/enqueue'
import { euros } from '#payments/services/invoice_pdf'
import { clock, CITY_ZONE } from '#core/clock'
import { recordAudit } from '#accounts/actions/record_audit'

export interface DeskPaymentInput {
  method: DeskMethod
  amountCents: number
  /** YYYY-MM-DD, not after today */
  paidOn: string
  /** the exact moment, when the software that took it knows it (else from `paidOn`) */
  paidAt?: DateTime
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
 * mail (a job) are written in one transaction, or nothing is. `by` is the
 * agent at the desk, or the billing software that took the payment at its
 * own desk (through /api/v1, in the call's transaction): then the payment
 * carries the software's name, shown on the resident's timeline.
 */
export async function recordDeskPayment(
  by: Agent | { software: string },
  invoiceId: number,
  input: DeskPaymentInput,
  client?: TransactionClientContract
) {
  const software = 'software' in by ? by.software : null
  const work = async (trx: TransactionClientContract) => {
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
        recordedByAgentId: software === null ? (by as Agent).id : null,
        recordedBySoftware: software,
        paidAt: input.paidAt?.toUTC() ?? paidAtOf(input.paidOn),
      },
      { client: trx }
    )
    invoice.paidCents += input.amountCents
    invoice.settle()
    await invoice.save()
    if (software === null)
      await recordAudit(
        by as Agent,
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
    await publishPaymentSucceeded(payment, invoice, trx)
    return { invoice, payment }
  }
  try {
    return await (client ? work(client) : db.transaction(work))
  } catch (error) {
    // Two agents typing the same receipt number at once: the unique key decides.
    if (isUniqueViolation(error))
      throw new DeskPaymentRefused('receiptNumber', 'payments.desk.receipt_taken')
    throw error
  }
}
