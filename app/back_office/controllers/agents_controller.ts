import type { HttpContext } from '@adonisjs/core/http'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import AgentPolicy from '#accounts/policies/agent_policy'
import { createAgentValidator, updateAgentValidator } from '#back_office/validators/admin'
import InviteAgent, { AgentEmailTakenError } from '#back_office/actions/invite_agent'
import UpdateAgent from '#back_office/actions/update_agent'
import EndAgentSessions from '#back_office/actions/end_agent_sessions'
import { fieldError } from '#core/services/form_errors'
import { findAgentWithServices } from '#back_office/queries/agents'
import { agentIdsWithSecondFactor, secondFactorStatus } from '#back_office/queries/second_factors'
import {
  grantedValues,
  permissionGroups,
  readGrants,
} from '#back_office/services/agent_permissions_form'

/** Whether this admin may change the agent's role or status (not their own, for one). */
function mayChangeRoleOrStatus(bouncer: HttpContext['bouncer'], agent: Agent) {
  return bouncer.with(AgentPolicy).allows('changeRoleOrStatus', agent)
}

/** /agents/admin/agents: admins manage agent accounts. */
export default class AgentsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with(AgentPolicy).authorize('viewList')
    const agents = await Agent.query()
      .preload('services', (query) => query.orderBy('name'))
      .orderBy('lastName')
      .orderBy('firstName')
    const withSecondFactor = await agentIdsWithSecondFactor()
    return view.render('back_office::admin/agents', { agents, withSecondFactor })
  }

  async create({ view, bouncer, i18n }: HttpContext) {
    await bouncer.with(AgentPolicy).authorize('create')
    const services = await Service.query().orderBy('name')
    return view.render('back_office::admin/agent_form', {
      agent: null,
      services,
      permissionGroups: permissionGroups(services, i18n),
      granted: [],
      canChangeRoleOrStatus: true,
    })
  }

  async store({ request, response, bouncer, session, i18n, auth }: HttpContext) {
    await bouncer.with(AgentPolicy).authorize('create')
    const input = await request.validateUsing(createAgentValidator)
    const services = await Service.query().orderBy('name')
    const grants = readGrants(services, input, i18n)
    const actor = auth.use('agent').getUserOrFail()
    try {
      await new InviteAgent().handle(input, { actor, grants, allServices: services })
    } catch (error) {
      if (error instanceof AgentEmailTakenError)
        throw fieldError('email', i18n.t('back_office.agents.email_taken'))
      throw error
    }
    session.flash('success', 'back_office.agents.invited')
    return response.redirect().status(303).toPath('/agents/admin/agents')
  }

  async edit({ view, bouncer, params, i18n }: HttpContext) {
    const agent = await findAgentWithServices(params.id)
    await bouncer.with(AgentPolicy).authorize('edit', agent)
    const canChangeRoleOrStatus = await mayChangeRoleOrStatus(bouncer, agent)
    const services = await Service.query().orderBy('name')
    return view.render('back_office::admin/agent_form', {
      agent,
      services,
      permissionGroups: permissionGroups(services, i18n),
      granted: await grantedValues(agent.id),
      canChangeRoleOrStatus,
      secondFactor: await secondFactorStatus(agent.id),
    })
  }

  async update({ request, response, bouncer, params, session, i18n, auth }: HttpContext) {
    const agent = await Agent.findOrFail(Number(params.id) || 0)
    await bouncer.with(AgentPolicy).authorize('edit', agent)
    const input = await request.validateUsing(updateAgentValidator)
    const services = await Service.query().orderBy('name')
    const grants = readGrants(services, input, i18n)
    const canChangeRoleOrStatus = await mayChangeRoleOrStatus(bouncer, agent)
    await new UpdateAgent().handle(agent, input, {
      canChangeRoleOrStatus,
      actor: auth.use('agent').getUserOrFail(),
      grants,
      allServices: services,
    })
    session.flash('success', 'back_office.agents.updated')
    return response.redirect().status(303).toPath('/agents/admin/agents')
  }

  /** "Déconnecter partout": the agent's sessions end on every device (their own page asks the agent themself). */
  async endSessions({ response, bouncer, params, session, auth }: HttpContext) {
    const agent = await Agent.findOrFail(Number(params.id) || 0)
    await bouncer.with(AgentPolicy).authorize('endSessions', agent)
    const own = agent.id === auth.use('agent').getUserOrFail().id
    await new EndAgentSessions().handle(agent, { except: own ? session.sessionId : undefined })
    session.flash('success', 'back_office.sessions.ended')
    return response.redirect().status(303).toPath(`/agents/admin/agents/${agent.id}/modifier`)
  }
}
