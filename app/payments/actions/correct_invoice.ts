import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import Invoice from '#payments/models/invoice'
import CreditNote from '#payments/models/credit_note'
import { lockForUpdate } from '#core/database/dialect'
import { nextNumber } from '#core/database/numbering'
import { euros } from '#payments/services/invoice_pdf'
import { recordAudit } from '#accounts/actions/record_audit'
import { clock } from '#core/clock'

/** Why a correction is refused: the form field it concerns and the message (i18n key) shown there. */
export class InvoiceCorrectionRefused extends Error {
  constructor(
    readonly field: 'cancelReason' | 'creditAmount' | 'resolution',
    readonly messageKey: string
  ) {
    super(messageKey)
  }
}

async function lockedInvoice(trx: TransactionClientContract, invoiceId: number) {
  const invoice = await lockForUpdate(
    Invoice.query({ client: trx }).where('id', invoiceId),
    trx
  ).firstOrFail()
  invoice.useTransaction(trx)
  return invoice
}

/**
 * Cancels an invoice issued by mistake. Money received cannot vanish from
 * the books: an invoice with any payment on it is refused (a credit note
 * corrects it instead). The status, the reason the resident reads and the
 * audit entry are written in one transaction, under a row lock, so a
 * payment recorded at the same moment cannot slip under a cancellation.
 */
export async function cancelInvoice(agent: Agent, invoiceId: number, reason: string) {
  return db.transaction(async (trx) => {
    const invoice = await lockedInvoice(trx, invoiceId)
    if (invoice.status === 'cancelled')
      throw new InvoiceCorrectionRefused('cancelReason', 'payments.correction.already_cancelled')
    if (invoice.paidCents > 0)
      throw new InvoiceCorrectionRefused('cancelReason', 'payments.correction.paid_cannot_cancel')
    invoice.status = 'cancelled'
    invoice.cancelReason = reason
    invoice.cancelledAt = clock.now()
    invoice.cancelledByAgentId = agent.id
    await invoice.save()
    await recordAudit(agent, 'invoice.cancelled', null, `${invoice.number} : ${reason}`, null, trx)
    return invoice
  })
}

/**
 * Issues a credit note (avoir) on an invoice: at most what the invoice still
 * asks once earlier credit notes are taken off (a paid invoice can be
 * credited: the resident is then owed the difference). The credit note, the
 * invoice's amounts and status and the audit entry are one transaction, in
 * the caller's when given (resolving a flagged payment).
 */
export async function issueCreditNote(
  agent: Agent,
  invoiceId: number,
  input: { amountCents: number; reason: string; paymentId?: number },
  client?: TransactionClientContract
) {
  const work = async (trx: TransactionClientContract) => {
    const invoice = await lockedInvoice(trx, invoiceId)
    if (invoice.status === 'cancelled')
      throw new InvoiceCorrectionRefused(
        'creditAmount',
        'payments.correction.cancelled_cannot_credit'
      )
    if (input.amountCents > invoice.amountCents - invoice.creditedCents)
      throw new InvoiceCorrectionRefused('creditAmount', 'payments.correction.credit_too_much')
    const note = await CreditNote.create(
      {
        number: await nextNumber(trx, 'AV'),
        invoiceId: invoice.id,
        amountCents: input.amountCents,
        reason: input.reason,
        paymentId: input.paymentId ?? null,
        agentId: agent.id,
      },
      { client: trx }
    )
    invoice.creditedCents += input.amountCents
    invoice.settle()
    await invoice.save()
    await recordAudit(
      agent,
      'invoice.credited',
      null,
      `${invoice.number} : avoir ${note.number} de ${euros(input.amountCents)} — ${input.reason}`,
      null,
      trx
    )
    return { invoice, note }
  }
  return client ? work(client) : db.transaction(work)
}
