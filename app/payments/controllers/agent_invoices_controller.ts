import type { HttpContext } from '@adonisjs/core/http'
import { agentCan } from '#accounts/abilities'
import { euros } from '#payments/services/invoice_pdf'
import { agentInvoice } from '#payments/queries/agent_payments'
import { agentScope } from '#payments/services/agent_scope'
import { deskPaymentValidator, toCents } from '#payments/validators/desk_payment'
import { cancelInvoiceValidator, creditNoteValidator } from '#payments/validators/corrections'
import { recordDeskPayment, DeskPaymentRefused } from '#payments/actions/record_desk_payment'
import {
  cancelInvoice,
  issueCreditNote,
  InvoiceCorrectionRefused,
} from '#payments/actions/correct_invoice'
import { DESK_METHODS } from '#payments/models/payment'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'

/** Declared in the payments manifest, granted in the finance service. */
export const RECORD_DESK = 'payments.desk.record'
export const CORRECT_INVOICES = 'payments.invoices.correct'

/** A refusal of an action as the error shown next to its field; anything else goes on. */
function asFieldError(ctx: HttpContext) {
  return (error: unknown) => {
    if (error instanceof DeskPaymentRefused || error instanceof InvoiceCorrectionRefused)
      throw fieldError(error.field, ctx.i18n.t(error.messageKey))
    throw error
  }
}

/** Back to the invoice's page, with a message saying what was done. */
function backToInvoice(ctx: HttpContext, id: number, message: string) {
  ctx.session.flash('success', message)
  return ctx.response.redirect().status(303).toPath(`/agents/paiements/factures/${id}`)
}

/**
 * /agents/paiements/factures/:id: one invoice of the agent's services (the
 * finance service sees them all), its payments and credit notes; the forms
 * that record a payment taken at the desk, cancel the invoice or issue a
 * credit note, each offered to agents holding its permission. An invoice
 * outside the agent's services, or a form without the permission, is a 404.
 */
export default class AgentInvoicesController {
  async show(ctx: HttpContext) {
    const found = await this.#invoice(ctx)
    if (!found) return notFoundPage(ctx)
    return ctx.view.render('payments::agent_invoice', {
      ...found,
      euros,
      methods: DESK_METHODS,
      today: clock.today(),
      mayRecord: await ctx.bouncer.allows(agentCan, RECORD_DESK),
      mayCorrect: await ctx.bouncer.allows(agentCan, CORRECT_INVOICES),
    })
  }

  async record(ctx: HttpContext) {
    const found = await this.#invoice(ctx)
    if (!found || (await ctx.bouncer.denies(agentCan, RECORD_DESK))) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(deskPaymentValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    const amountCents = toCents(input.amount)
    await recordDeskPayment(agent, found.invoice.id, { ...input, amountCents }).catch(
      asFieldError(ctx)
    )
    return backToInvoice(ctx, found.invoice.id, 'payments.desk.recorded')
  }

  async cancel(ctx: HttpContext) {
    const found = await this.#invoice(ctx)
    if (!found || (await ctx.bouncer.denies(agentCan, CORRECT_INVOICES))) return notFoundPage(ctx)
    const { cancelReason } = await ctx.request.validateUsing(cancelInvoiceValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    await cancelInvoice(agent, found.invoice.id, cancelReason).catch(asFieldError(ctx))
    return backToInvoice(ctx, found.invoice.id, 'payments.correction.cancelled')
  }

  async credit(ctx: HttpContext) {
    const found = await this.#invoice(ctx)
    if (!found || (await ctx.bouncer.denies(agentCan, CORRECT_INVOICES))) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(creditNoteValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    const amountCents = toCents(input.creditAmount)
    await issueCreditNote(agent, found.invoice.id, {
      amountCents,
      reason: input.creditReason,
    }).catch(asFieldError(ctx))
    return backToInvoice(ctx, found.invoice.id, 'payments.correction.credited')
  }

  async #invoice(ctx: HttpContext) {
    const { scope } = await agentScope(ctx)
    return agentInvoice(scope, ctx.params.id)
  }
}
