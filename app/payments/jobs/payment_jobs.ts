import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import Payment from '#payments/models/payment'
import Invoice from '#payments/models/invoice'
import User from '#accounts/models/user'
import { queueMail } from '#notifications/queue_mail'
import { reconcilePayment } from '#payments/actions/reconcile_payment'
import { dbTimestamp } from '#core/database/dialect'
import parvisConfig from '#config/parvis'
import { euros } from '#payments/services/invoice_pdf'

export const REMINDER_AFTER_DAYS = 15

/** The receipt of a payment, mailed once (the key is the payment). */
export const paymentReceiptJob = defineJob<{ paymentId: number }>({
  async handle({ paymentId }) {
    const payment = await Payment.find(paymentId)
    if (!payment || payment.status !== 'paid') return
    const invoice = await Invoice.findOrFail(payment.invoiceId)
    if (!invoice.payerEmail) return
    const user = invoice.payerUserId ? await User.find(invoice.payerUserId) : null
    await queueMail({
      to: invoice.payerEmail,
      locale: user?.locale ?? 'fr',
      subject: 'payments.mail.receipt_subject',
      subjectData: { number: invoice.number },
      view: 'payments::emails/receipt',
      data: {
        invoice,
        amount: euros(payment.amountCents),
        paidAt: payment.paidAt?.setZone('Europe/Paris').toFormat("dd/MM/yyyy 'à' HH'h'mm"),
        reference: payment.receiptNumber ?? payment.authorisation ?? payment.refdet,
        link: `${parvisConfig.appUrl}/mon-espace/factures/${invoice.id}`,
      },
    })
  },
})

/**
 * Every day (scheduled in the payments manifest): a reminder for each
 * invoice still unpaid 15 days after its due date, once per invoice.
 */
export const invoiceRemindersJob = defineJob<Record<string, never>>({
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    const limit = now.setZone('Europe/Paris').minus({ days: REMINDER_AFTER_DAYS }).toISODate()!
    const late = await Invoice.query()
      .whereIn('status', ['issued', 'partly_paid'])
      .where('dueOn', '<', limit)
      .whereNull('remindedAt')
      .whereNotNull('payerEmail')
      .limit(500)
    for (const invoice of late) {
      await db.transaction(async (trx) => {
        const updated = await trx
          .from('invoices')
          .where('id', invoice.id)
          .whereNull('reminded_at')
          .update({ reminded_at: dbTimestamp(now, trx) })
        if (!(Array.isArray(updated) ? updated[0] : updated)) return
        await queueMail(
          {
            to: invoice.payerEmail!,
            subject: 'payments.mail.reminder_subject',
            subjectData: { number: invoice.number },
            view: 'payments::emails/reminder',
            data: {
              invoice,
              due: euros(invoice.dueCents),
              dueOn: DateTime.fromISO(invoice.dueOn).toFormat('dd/MM/yyyy'),
              link: `${parvisConfig.appUrl}/mon-espace/factures/${invoice.id}`,
            },
          },
          trx
        )
      })
    }
  },
})

/**
 * Every five minutes (scheduled in the payments manifest): pending payments
 * whose notification never came are read back from PayFiP (paid, refused,
 * or expired after 20 minutes).
 */
export const paymentsCheckJob = defineJob<Record<string, never>>({
  queue: 'payments',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    const pending = await Payment.query()
      .where('status', 'pending')
      .whereNotNull('operationId')
      .where('createdAt', '<', dbTimestamp(now.minus({ minutes: 2 })))
      .limit(200)
    for (const payment of pending) await reconcilePayment(payment.operationId!, now)
  },
})
