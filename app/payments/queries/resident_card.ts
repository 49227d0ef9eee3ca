import Invoice from '#payments/models/invoice'
import { euros } from '#payments/services/invoice_pdf'
import type { ResidentCardSource } from '#accounts/resident_space'

/** The invoices card of /mon-espace: what is left to pay. */
const invoicesCard: ResidentCardSource = async ({ userId, t }) => {
  const unpaid = await Invoice.query()
    .where('payerUserId', userId)
    .whereIn('status', ['issued', 'partly_paid'])
    .orderBy('dueOn')
    .limit(5)
  return {
    title: t('payments.resident.title'),
    href: '/mon-espace/factures',
    text: unpaid.length
      ? t('payments.space.unpaid', { count: unpaid.length })
      : t('payments.space.card_text'),
    links: unpaid.map((invoice) => ({
      label: invoice.label,
      href: `/mon-espace/factures/${invoice.id}`,
      detail: t('payments.space.due', {
        amount: euros(invoice.dueCents),
        date: invoice.dueOn.split('-').reverse().join('/'),
      }),
    })),
  }
}

export default invoicesCard
