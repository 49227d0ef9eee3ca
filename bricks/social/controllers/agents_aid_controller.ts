import type { HttpContext } from '@adonisjs/core/http'
import { agentCan } from '#accounts/abilities'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { openDemandForAgent } from '#demands/policies/demand_access'
import { assertFound, found } from '#core/http/not_found'
import { fieldError } from '#core/services/form_errors'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import ScheduleCommission from '../actions/schedule_commission.js'
import DecideAid, { aidOutcome } from '../actions/decide_aid.js'
import { commissionValidator, decisionValidator } from '../validators/aid.js'
import { decisionOf, pendingAidRequests } from '../queries/aid_requests.js'
import { AID_PROCEDURE } from '../procedures/aid_request.js'
import { formatEuros } from '../services/decision_letter.js'

export const DECIDE = 'social.aid.decide'
const SERVICE = 'solidarites'

/**
 * /agents/solidarites/aides: the aid requests awaiting the commission, and
 * one request's decision page (commission date, then granted with an
 * amount or refused with a reason). Opening one is audited by the core.
 */
export default class AgentsAidController {
  async index(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const workflow = workflowOf(findProcedure(AID_PROCEDURE)!)
    const requests = (await pendingAidRequests(await agentServiceSlugs(agent))).map((row) => ({
      ...row,
      status: ctx.i18n.t(stateOf(workflow, row.demand.state).agentLabel),
    }))
    return ctx.view.render('social::aid/agents_index', { requests })
  }

  async show(ctx: HttpContext) {
    const demand = await this.#demand(ctx)
    const decision = await decisionOf(demand.id)
    const workflow = workflowOf(findProcedure(AID_PROCEDURE)!)
    return ctx.view.render('social::aid/agents_show', {
      demand,
      decision,
      amount: decision?.amountCents ? formatEuros(decision.amountCents) : null,
      status: ctx.i18n.t(stateOf(workflow, demand.state).agentLabel),
      mayDecide: await ctx.bouncer.allows(agentCan, DECIDE, SERVICE),
    })
  }

  async schedule(ctx: HttpContext) {
    assertFound(await ctx.bouncer.allows(agentCan, DECIDE, SERVICE))
    const demand = await this.#demand(ctx)
    assertFound(demand.state === 'examination')
    const { commissionOn } = await ctx.request.validateUsing(commissionValidator)
    await new ScheduleCommission().handle(
      ctx.auth.use('agent').getUserOrFail(),
      demand,
      commissionOn
    )
    ctx.session.flash('success', 'social.aid.agents.scheduled')
    return ctx.response.redirect().status(303).toPath(`/agents/solidarites/aides/${demand.id}`)
  }

  async decide(ctx: HttpContext) {
    assertFound(await ctx.bouncer.allows(agentCan, DECIDE, SERVICE))
    const demand = await this.#demand(ctx)
    assertFound(demand.state === 'commission')
    const input = await ctx.request.validateUsing(decisionValidator)
    const decision = aidOutcome(input)
    if ('missing' in decision)
      throw fieldError(
        decision.missing,
        ctx.i18n.t(`social.aid.agents.${decision.missing}_required`)
      )
    await new DecideAid().handle(ctx.auth.use('agent').getUserOrFail(), demand, decision)
    ctx.session.flash('success', 'social.aid.agents.decided')
    return ctx.response.redirect().status(303).toPath(`/agents/solidarites/aides/${demand.id}`)
  }

  /** An aid request of the agent's services (else 404), its opening audited as confidential. */
  async #demand(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const demand = found(await openDemandForAgent(agent, ctx.params.id))
    assertFound(demand.procedureKey === AID_PROCEDURE)
    return demand
  }
}
