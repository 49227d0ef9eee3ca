import { defineJob } from '#jobs/registry'
import Invoice from '#payments/models/invoice'
import User from '#accounts/models/user'
import { queueMail } from '#notifications/queue_mail'
import { euros } from '#payments/services/invoice_pdf'
import parvisConfig from '#config/parvis'

/** Tells the family a canteen invoice is issued, with the link to pay it. */
export const childhoodInvoiceMailJob = defineJob<{ invoiceId: number }>({
  async handle({ invoiceId }) {
    const invoice = await Invoice.find(invoiceId)
    if (!invoice?.payerEmail) return
    const user = invoice.payerUserId ? await User.find(invoice.payerUserId) : null
    await queueMail({
      to: invoice.payerEmail,
      locale: user?.locale ?? 'fr',
      subject: 'childhood.mail.invoice_subject',
      subjectData: { label: invoice.label },
      view: 'childhood::emails/invoice',
      data: {
        invoice,
        amount: euros(invoice.amountCents),
        dueOn: invoice.dueOn.split('-').reverse().join('/'),
        link: `${parvisConfig.appUrl}/mon-espace/factures/${invoice.id}`,
      },
    })
  },
})

export default childhoodInvoiceMailJob
