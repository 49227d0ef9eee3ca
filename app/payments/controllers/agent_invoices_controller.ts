import type { HttpContext } from '@adonisjs/core/http'
import { FINANCE_SERVICE } from '#payments/finance_service'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { agentCan } from '#accounts/abilities'
import { euros } from '#payments/services/invoice_pdf'
import { agentInvoice } from '#payments/queries/agent_payments'
import { deskPaymentValidator, toCents } from '#payments/validators/desk_payment'
import { recordDeskPayment, DeskPaymentRefused } from '#payments/actions/record_desk_payment'
import { DESK_METHODS } from '#payments/models/payment'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'

/** Declared in the payments manifest, granted in the finance service. */
export const RECORD_DESK = 'payments.desk.record'

/**
 * /agents/paiements/factures/:id: one invoice of the agent's services (the
 * finance service sees them all), its payments, and the form that records a
 * payment taken at the desk, offered to agents holding the permission.
 * An invoice outside the agent's services, or the form without the
 * permission, is a 404 like everywhere in the back office.
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
    })
  }

  async record(ctx: HttpContext) {
    const found = await this.#invoice(ctx)
    if (!found || (await ctx.bouncer.denies(agentCan, RECORD_DESK))) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(deskPaymentValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    const amountCents = toCents(input.amount)
    await recordDeskPayment(agent, found.invoice.id, { ...input, amountCents }).catch((error) => {
      throw error instanceof DeskPaymentRefused
        ? fieldError(error.field, ctx.i18n.t(error.messageKey))
        : error
    })
    ctx.session.flash('success', 'payments.desk.recorded')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/paiements/factures/${found.invoice.id}`)
  }

  async #invoice(ctx: HttpContext) {
    const slugs = await agentServiceSlugs(ctx.auth.use('agent').getUserOrFail())
    return agentInvoice({ all: slugs.includes(FINANCE_SERVICE), slugs }, ctx.params.id)
  }
}
