import type { HttpContext } from '@adonisjs/core/http'
import { agentCan } from '#accounts/abilities'
import { euros } from '#payments/services/invoice_pdf'
import { agentPayment } from '#payments/queries/agent_payments'
import { agentScope } from '#payments/services/agent_scope'
import { resolveMismatchValidator } from '#payments/validators/corrections'
import { resolveMismatch } from '#payments/actions/resolve_mismatch'
import { InvoiceCorrectionRefused } from '#payments/actions/correct_invoice'
import { MISMATCH_RESOLUTIONS } from '#payments/models/payment'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'

/** Declared in the payments manifest, granted in the finance service. */
export const RESOLVE_MISMATCH = 'payments.mismatch.resolve'

/**
 * /agents/paiements/encaissements/:id: one payment of the agent's services
 * and, for a payment flagged as not matching its request, the decision
 * (credit it, refund it or dismiss it, with a comment) offered to agents
 * holding the permission. Outside the agent's services: 404.
 */
export default class AgentMismatchesController {
  async show(ctx: HttpContext) {
    const { scope } = await agentScope(ctx)
    const found = await agentPayment(scope, ctx.params.id)
    if (!found) return notFoundPage(ctx)
    return ctx.view.render('payments::agent_payment', {
      ...found,
      euros,
      resolutions: MISMATCH_RESOLUTIONS,
      mayResolve: await ctx.bouncer.allows(agentCan, RESOLVE_MISMATCH),
    })
  }

  async resolve(ctx: HttpContext) {
    const { agent, scope } = await agentScope(ctx)
    const found = await agentPayment(scope, ctx.params.id)
    if (!found || (await ctx.bouncer.denies(agentCan, RESOLVE_MISMATCH))) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(resolveMismatchValidator)
    await resolveMismatch(agent, found.payment.id, input).catch((error) => {
      if (!(error instanceof InvoiceCorrectionRefused)) throw error
      throw fieldError(error.field, ctx.i18n.t(error.messageKey))
    })
    ctx.session.flash('success', `payments.mismatch.resolved_${input.resolution}`)
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/paiements/encaissements/${found.payment.id}`)
  }
}
