import type { HttpContext } from '@adonisjs/core/http'
import Agent from '#accounts/models/agent'
import AgentPolicy from '#accounts/policies/agent_policy'
import ResetSecondFactor from '#back_office/actions/reset_second_factor'

/** /agents/admin/agents/:id/double-authentification/reinitialisation: an admin resets an agent's second factor. */
export default class AgentSecondFactorController {
  async destroy({ response, bouncer, params, session, auth }: HttpContext) {
    const agent = await Agent.findOrFail(Number(params.id) || 0)
    await bouncer.with(AgentPolicy).authorize('resetSecondFactor', agent)
    const actor = auth.use('agent').getUserOrFail()
    const reset = await new ResetSecondFactor().handle(actor, agent)
    session.flash(
      'success',
      reset
        ? 'back_office.second_factor.admin.reset_done'
        : 'back_office.second_factor.admin.nothing_to_reset'
    )
    return response.redirect().status(303).toPath(`/agents/admin/agents/${agent.id}/modifier`)
  }
}
