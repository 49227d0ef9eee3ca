import type { PersonalDataDeclaration } from '#core/modules/personal_data'
import { storedTimestamp } from '#core/database/dialect'

/**
 * Invoices are accounting records: public accounting keeps them for the
 * `invoices` retention period (ten years by default), paid or not, since an
 * unpaid invoice is still owed. Deleting the account detaches them: the
 * account and the e-mail address go, the debtor's name stays on the invoice,
 * as the law requires of an invoice. The nightly purge deletes them when the
 * period ends.
 */
export const paymentsPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'invoices',
    label: 'payments.personal_data.invoices',
    tables: ['invoices', 'invoice_lines', 'payments', 'credit_notes'],
    async export({ userId, client }) {
      const invoices = await client.from('invoices').where('payer_user_id', userId).orderBy('id')
      const ids = invoices.map((invoice) => invoice.id)
      const lines = ids.length ? await client.from('invoice_lines').whereIn('invoice_id', ids) : []
      const payments = ids.length ? await client.from('payments').whereIn('invoice_id', ids) : []
      return {
        rows: invoices.map((invoice) => ({
          number: invoice.number,
          label: invoice.label,
          payerName: invoice.payer_name,
          payerEmail: invoice.payer_email,
          amountCents: invoice.amount_cents,
          paidCents: invoice.paid_cents,
          creditedCents: invoice.credited_cents,
          dueOn: invoice.due_on,
          status: invoice.status,
          issuedAt: invoice.created_at,
          lines: lines
            .filter((line) => line.invoice_id === invoice.id)
            .map((line) => ({
              label: line.label,
              quantity: line.quantity,
              unitCents: line.unit_cents,
              totalCents: line.total_cents,
            })),
          payments: payments
            .filter((payment) => payment.invoice_id === invoice.id)
            .map((payment) => ({
              method: payment.method,
              amountCents: payment.amount_cents,
              status: payment.status,
              paidAt: payment.paid_at,
            })),
        })),
      }
    },
    async kept({ userId, client, retention }) {
      const invoices = await client
        .from('invoices')
        .where('payer_user_id', userId)
        .select('created_at')
      if (invoices.length === 0) return []
      const period = retention('invoices')!
      const last = invoices
        .map((invoice) => storedTimestamp(invoice.created_at)!)
        .reduce((latest, date) => (date > latest ? date : latest))
      return [
        {
          label: 'payments.personal_data.kept',
          count: invoices.length,
          reason: 'payments.personal_data.kept_reason',
          until: last.plus({ [period.unit]: period.amount }),
        },
      ]
    },
    async erase({ userId, client }) {
      await client
        .from('invoices')
        .where('payer_user_id', userId)
        .update({ payer_user_id: null, payer_email: null })
    },
  },
]
