import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Payment from '#payments/models/payment'
import Invoice from '#payments/models/invoice'
import { payfip } from '#payments/providers/index'
import { PayfipFault, type PayfipResult } from '#payments/providers/payfip_client'
import { lockForUpdate } from '#core/database/dialect'
import { publishPaymentSucceeded } from '#payments/events'
import { enqueue } from '#jobs/enqueue'
import { clock } from '#core/clock'

/** PayFiP keeps an operation open about 15 minutes; after 20 without a result it is over. */
export const OPERATION_LIFETIME_MINUTES = 20

/**
 * Records the outcome of a payment from PayFiP's own answer
 * (recupererDetailPaiementSecurise), whoever asked — the notification, the
 * payer's return, or the periodic check — and however many times: the
 * payment changes only while "pending", under a row lock, and the invoice is
 * credited in the same transaction. A result whose client number, reference
 * or amount differs from ours is not credited: it is flagged for an agent.
 */
export async function reconcilePayment(operationId: string, now: DateTime = clock.now()) {
  const known = await Payment.findBy('operationId', operationId)
  if (!known) return null
  if (known.status !== 'pending') return known

  const client = await payfip()
  let detail: PayfipResult | null = null
  let next: { status: Payment['status']; flag?: string } | null = null
  try {
    detail = await client.paymentDetail(operationId)
  } catch (error) {
    if (!(error instanceof PayfipFault)) throw error
    const old = known.createdAt < now.minus({ minutes: OPERATION_LIFETIME_MINUTES })
    if (error.code === 'P1' || (error.code === 'P5' && old)) next = { status: 'expired' }
    else return known
  }

  return db.transaction(async (trx) => {
    const payment = await lockForUpdate(
      Payment.query({ client: trx }).where('id', known.id),
      trx
    ).firstOrFail()
    if (payment.status !== 'pending') return payment
    payment.useTransaction(trx)
    if (detail) {
      const problems: string[] = []
      if (detail.numcli !== client.numcli) problems.push(`numcli ${detail.numcli}`)
      if (detail.refdet !== payment.refdet) problems.push(`refdet ${detail.refdet}`)
      if (detail.montant !== payment.amountCents)
        problems.push(`montant ${detail.montant} au lieu de ${payment.amountCents}`)
      if (problems.length)
        next = {
          status: 'mismatch',
          flag: `Résultat PayFiP différent de la demande : ${problems.join(', ')}`,
        }
      else if (detail.resultrans === 'P' || detail.resultrans === 'V') next = { status: 'paid' }
      else if (detail.resultrans === 'R' || detail.resultrans === 'Z') next = { status: 'refused' }
      else if (detail.resultrans === 'A') next = { status: 'cancelled' }
      else next = { status: 'mismatch', flag: `Code résultat inconnu : ${detail.resultrans}` }
      payment.resultCode = detail.resultrans
      payment.authorisation = detail.numauto || null
    }
    payment.status = next!.status
    payment.flag = next!.flag ?? null
    if (payment.status === 'paid') {
      const when = DateTime.fromFormat(`${detail!.dattrans}${detail!.heurtrans}`, 'ddMMyyyyHHmm', {
        zone: 'Europe/Paris',
      })
      payment.paidAt = (when.isValid ? when : now).toUTC()
      const invoice = await lockForUpdate(
        Invoice.query({ client: trx }).where('id', payment.invoiceId),
        trx
      ).firstOrFail()
      invoice.useTransaction(trx)
      invoice.paidCents += payment.amountCents
      invoice.settle()
      await invoice.save()
      await enqueue(
        'payment_receipt',
        { paymentId: payment.id },
        { client: trx, idempotencyKey: `payment_receipt:${payment.id}` }
      )
      await payment.save()
      await publishPaymentSucceeded(payment, invoice, trx)
      return payment
    }
    await payment.save()
    return payment
  })
}
