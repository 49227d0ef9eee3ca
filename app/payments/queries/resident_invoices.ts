import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import CreditNote from '#payments/models/credit_note'

/**
 * /mon-espace/factures: the resident's invoices (newest first, cancelled
 * ones too, with why), what is still due in all, and the receipts of every
 * payment received (date, method, receipt number).
 */
export async function residentInvoices(userId: number) {
  const invoices = await Invoice.query().where('payerUserId', userId).orderBy('id', 'desc')
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]))
  const receipts = invoices.length
    ? await Payment.query()
        .whereIn('invoiceId', Invoice.query().select('id').where('payerUserId', userId))
        .where('status', 'paid')
        .orderBy('paidAt', 'desc')
        .orderBy('id', 'desc')
    : []
  const totalDue = invoices
    .filter((invoice) => invoice.payable)
    .reduce((sum, invoice) => sum + invoice.dueCents, 0)
  return {
    invoices,
    receipts: receipts.map((payment) => ({ payment, invoice: byId.get(payment.invoiceId)! })),
    totalDue,
  }
}

/** The credit notes of one of the resident's invoices, oldest first. */
export function residentCreditNotes(invoiceId: number) {
  return CreditNote.query().where('invoiceId', invoiceId).orderBy('id')
}
