import { cityDocument } from '#core/services/pdf'
import type { I18n } from '@adonisjs/i18n'
import type Invoice from '#payments/models/invoice'
import InvoiceLine from '#payments/models/invoice_line'
import Payment from '#payments/models/payment'
import { DateTime } from 'luxon'

export const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`

/** The invoice as a PDF (its number also in the metadata), with its lines and the payments received. */
export async function invoicePdf(invoice: Invoice, i18n: I18n): Promise<Buffer> {
  const lines = await InvoiceLine.query().where('invoiceId', invoice.id).orderBy('id')
  const payments = await Payment.query()
    .where('invoiceId', invoice.id)
    .where('status', 'paid')
    .orderBy('id')
  const { doc, bytes } = cityDocument({
    title: `${i18n.t('payments.invoice.title')} ${invoice.number}`,
    keywords: invoice.number,
    lang: i18n.locale,
  })
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`${i18n.t('payments.invoice.title')} ${invoice.number}`)
  doc.font('Helvetica').fontSize(11).text(invoice.label)
  doc.moveDown()
  doc.fontSize(10).text(`${i18n.t('payments.fields.payer')} : ${invoice.payerName}`)
  doc.text(
    `${i18n.t('payments.fields.issued_on')} : ${invoice.createdAt.setZone('Europe/Paris').toFormat('dd/MM/yyyy')}`
  )
  doc.text(
    `${i18n.t('payments.fields.due_on')} : ${DateTime.fromISO(invoice.dueOn).toFormat('dd/MM/yyyy')}`
  )
  doc.moveDown()
  for (const line of lines)
    doc.text(
      `${line.label} — ${line.quantity} × ${euros(line.unitCents)} = ${euros(line.totalCents)}`
    )
  doc.moveDown()
  doc
    .font('Helvetica-Bold')
    .text(`${i18n.t('payments.fields.total')} : ${euros(invoice.amountCents)}`)
  doc.font('Helvetica').text(`${i18n.t('payments.fields.paid')} : ${euros(invoice.paidCents)}`)
  if (invoice.creditedCents)
    doc.text(`${i18n.t('payments.fields.credited')} : ${euros(invoice.creditedCents)}`)
  doc.text(`${i18n.t('payments.fields.left')} : ${euros(invoice.dueCents)}`)
  if (invoice.status === 'cancelled')
    doc
      .moveDown()
      .font('Helvetica-Bold')
      .text(
        i18n.t('payments.invoice.cancelled_on', {
          date: invoice.cancelledAt?.setZone('Europe/Paris').toFormat('dd/MM/yyyy') ?? '',
          reason: invoice.cancelReason ?? '',
        })
      )
      .font('Helvetica')
  if (payments.length) {
    doc.moveDown()
    for (const payment of payments)
      doc.text(
        `${i18n.t('payments.invoice.paid_line', { date: payment.paidAt?.setZone('Europe/Paris').toFormat('dd/MM/yyyy') ?? '', amount: euros(payment.amountCents), reference: payment.authorisation ?? payment.refdet })}`
      )
  }
  doc.end()
  return bytes
}

/** The receipt of one payment (reçu de paiement) as a PDF. */
export async function receiptPdf(invoice: Invoice, payment: Payment, i18n: I18n): Promise<Buffer> {
  const { doc, bytes } = cityDocument({
    title: `${i18n.t('payments.receipt.title')} ${invoice.number}`,
    keywords: `${invoice.number} ${payment.refdet}`,
    lang: i18n.locale,
  })
  doc.font('Helvetica-Bold').fontSize(18).text(i18n.t('payments.receipt.title'))
  doc.moveDown()
  doc.font('Helvetica').fontSize(10)
  doc.text(`${i18n.t('payments.fields.payer')} : ${invoice.payerName}`)
  doc.text(`${i18n.t('payments.invoice.title')} : ${invoice.number} — ${invoice.label}`)
  doc.text(`${i18n.t('payments.fields.amount')} : ${euros(payment.amountCents)}`)
  doc.text(
    `${i18n.t('payments.receipt.paid_at')} : ${payment.paidAt?.setZone('Europe/Paris').toFormat("dd/MM/yyyy 'à' HH'h'mm") ?? ''}`
  )
  doc.text(
    `${i18n.t('payments.receipt.reference')} : ${payment.receiptNumber ?? payment.refdet}${payment.authorisation ? ` / ${payment.authorisation}` : ''}`
  )
  if (payment.method)
    doc.text(
      `${i18n.t('payments.desk.method')} : ${i18n.t(`payments.methods.${payment.method}`)}${payment.chequeNumber ? ` n° ${payment.chequeNumber} (${payment.chequeBank})` : ''}`
    )
  doc.moveDown()
  doc.text(i18n.t('payments.receipt.left', { left: euros(invoice.dueCents) }))
  doc.end()
  return bytes
}
