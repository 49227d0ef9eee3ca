import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import Invoice from '#payments/models/invoice'
import Payment, { type MismatchResolution } from '#payments/models/payment'
import { InvoiceCorrectionRefused } from '#payments/actions/correct_invoice'
import { lockForUpdate } from '#core/database/dialect'
import { publishPaymentSucceeded } from '#payments/events'
import { enqueue } from '#jobs/enqueue'
import { euros } from '#payments/services/invoice_pdf'
import { recordAudit } from '#accounts/actions/record_audit'
import { clock } from '#core/clock'

/** What each decision makes of the payment. */
const STATUS_OF: Record<MismatchResolution, Payment['status']> = {
  credited: 'paid',
  refunded: 'refunded',
  dismissed: 'dismissed',
}

/**
 * An agent's decision on a payment flagged as not matching its request
 * (amount, reference or client number differ at PayFiP):
 * - credited: the money was received for this invoice; it counts as paid
 *   (at most what is still due) and the receipt is mailed;
 * - refunded: the money is paid back to the payer, the invoice is unchanged;
 * - dismissed: nothing was received (a test, a duplicate notice…).
 * With the agent's comment, under a row lock on the payment (two agents
 * deciding at once: the second is told it is already resolved), and the
 * payment leaves the list of payments to check. One transaction with the
 * invoice, the audit entry and the receipt job.
 */
export async function resolveMismatch(
  agent: Agent,
  paymentId: number,
  input: { resolution: MismatchResolution; comment: string }
) {
  return db.transaction(async (trx) => {
    const payment = await lockForUpdate(
      Payment.query({ client: trx }).where('id', paymentId),
      trx
    ).firstOrFail()
    payment.useTransaction(trx)
    if (payment.status !== 'mismatch')
      throw new InvoiceCorrectionRefused('resolution', 'payments.mismatch.already_resolved')
    const invoice = await lockForUpdate(
      Invoice.query({ client: trx }).where('id', payment.invoiceId),
      trx
    ).firstOrFail()
    invoice.useTransaction(trx)
    if (input.resolution === 'credited') {
      if (!invoice.payable || payment.amountCents > invoice.dueCents)
        throw new InvoiceCorrectionRefused('resolution', 'payments.mismatch.more_than_due')
      invoice.paidCents += payment.amountCents
      invoice.settle()
      await invoice.save()
      payment.paidAt = payment.paidAt ?? clock.now()
      await enqueue(
        'payment_receipt',
        { paymentId: payment.id },
        { client: trx, idempotencyKey: `payment_receipt:${payment.id}` }
      )
    }
    payment.status = STATUS_OF[input.resolution]
    payment.resolution = input.resolution
    payment.resolutionComment = input.comment
    payment.resolvedByAgentId = agent.id
    payment.resolvedAt = clock.now()
    await payment.save()
    if (payment.status === 'paid') await publishPaymentSucceeded(payment, invoice, trx)
    await recordAudit(
      agent,
      'payment.resolved',
      null,
      `${invoice.number} : ${payment.refdet} (${euros(payment.amountCents)}) ${input.resolution} — ${input.comment}`,
      null,
      trx
    )
    return { payment, invoice }
  })
}
