import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { payfip } from '#payments/providers/index'
import { PayfipFault, PayfipUnavailableError } from '#payments/providers/payfip_client'
import parvisConfig from '#config/parvis'
import { clock } from '#core/clock'

export class InvoiceNotPayableError extends Error {}
export class PaymentProviderUnavailableError extends Error {}

/**
 * Opens a payment of what is left to pay on an invoice: a pending payment
 * with our reference (refdet), then the PayFiP operation. Nothing is
 * credited here; only the provider's result, read back server-side, is.
 */
export async function startPayment(invoice: Invoice, email: string, now: DateTime = clock.now()) {
  await invoice.refresh()
  if (!invoice.payable) throw new InvoiceNotPayableError()
  const refdet =
    `${invoice.number.replace(/[^A-Za-z0-9]/g, '')}${randomBytes(4).toString('hex').toUpperCase()}`.slice(
      -30
    )
  const payment = await Payment.create({
    invoiceId: invoice.id,
    provider: 'payfip',
    refdet,
    amountCents: invoice.dueCents,
    status: 'pending',
  })
  try {
    const client = await payfip()
    const operation = await client.createPayment({
      refdet,
      amountCents: payment.amountCents,
      email,
      label: `${invoice.label} ${invoice.number}`,
      exer: String(now.setZone('Europe/Paris').year),
      notifyUrl: `${parvisConfig.appUrl}/paiement/notification`,
      returnUrl: `${parvisConfig.appUrl}/paiement/retour`,
    })
    payment.operationId = operation.idOp
    await payment.save()
    return { payment, redirectUrl: operation.redirectUrl }
  } catch (error) {
    if (error instanceof PayfipUnavailableError || error instanceof PayfipFault) {
      payment.merge({
        status: 'cancelled',
        flag: `Création impossible : ${error.message}`.slice(0, 300),
      })
      await payment.save()
      throw new PaymentProviderUnavailableError(error.message)
    }
    throw error
  }
}
