import type { I18n } from '@adonisjs/i18n'
import type Agent from '#accounts/models/agent'
import type { CsvDownload } from '#core/services/csv_download'
import {
  accountingInvoices,
  accountingPayments,
  invoiceCells,
  paymentCells,
  INVOICE_HEADER,
  PAYMENT_HEADER,
  type Period,
} from '#payments/queries/accounting_export'
import type { PaymentsScope } from '#payments/queries/agent_payments'
import { auditExport } from '#accounts/actions/audited_export'

/**
 * The accounting export of a period: payments received (`encaissements`) or
 * invoices issued (`factures`). Column names are fixed French words, as the
 * finance software's import is set up once for them, whatever the agent's
 * language; the values (methods, statuses) read in the agent's language.
 */
export async function accountingCsv(
  agent: Agent,
  scope: PaymentsScope,
  input: Period & { content: 'payments' | 'invoices' },
  i18n: I18n
): Promise<CsvDownload<any>> {
  const period = `du ${input.from} au ${input.to}`
  const labels = new Map<string, string>()
  const t = (key: string) => labels.get(key) ?? labels.set(key, i18n.t(key)).get(key)!
  if (input.content === 'payments')
    return {
      name: `comptabilite-encaissements-${input.from}-${input.to}`,
      header: PAYMENT_HEADER,
      batches: accountingPayments(scope, input),
      toCells: (row) => paymentCells(row, (method) => t(`payments.methods.${method}`)),
      onDone: await auditExport(agent, 'comptabilité : encaissements', period),
    }
  return {
    name: `comptabilite-factures-${input.from}-${input.to}`,
    header: INVOICE_HEADER,
    batches: accountingInvoices(scope, input),
    toCells: (row) => invoiceCells(row, (status) => t(`payments.statuses.${status}`)),
    onDone: await auditExport(agent, 'comptabilité : factures', period),
  }
}
