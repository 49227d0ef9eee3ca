import type { HttpContext } from '@adonisjs/core/http'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import AgentPolicy from '#accounts/policies/agent_policy'
import { createAgentValidator, updateAgentValidator } from '#back_office/validators/admin'
import InviteAgent, { AgentEmailTakenError } from '#back_office/actions/invite_agent'
import UpdateAgent from '#back_office/actions/update_agent'
import EndAgentSessions from '#back_office/actions/end_agent_sessions'
import { fieldError } from '#core/services/form_errors'

/** /agents/admin/agents: admins manage agent accounts. */
export default class AgentsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with(AgentPolicy).authorize('viewList')
    const agents = await Agent.query().preload('services', (query) => query.orderBy('name')).orderBy('lastName').orderBy('firstName')
    return view.render('pages/back_office/admin/agents', { agents })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with(AgentPolicy).authorize('create')
    return view.render('pages/back_office/admin/agent_form', { agent: null, services: await Service.query().orderBy('name'), canChangeRoleOrStatus: true })
  }

  async store({ request, response, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(AgentPolicy).authorize('create')
    const input = await request.validateUsing(createAgentValidator)
    try {
      await new InviteAgent().handle(input)
    } catch (error) {
      if (error instanceof AgentEmailTakenError) throw fieldError('email', i18n.t('back_office.agents.email_taken'))
      throw error
    }
    session.flash('success', 'back_office.agents.invited')
    return response.redirect().status(303).toPath('/agents/admin/agents')
  }

  async edit({ view, bouncer, params }: HttpContext) {
    const agent = await Agent.query().where('id', Number(params.id) || 0).preload('services').firstOrFail()
    await bouncer.with(AgentPolicy).authorize('edit', agent)
    const canChangeRoleOrStatus = await bouncer.with(AgentPolicy).allows('changeRoleOrStatus', agent)
    return view.render('pages/back_office/admin/agent_form', { agent, services: await Service.query().orderBy('name'), canChangeRoleOrStatus })
  }

  async update({ request, response, bouncer, params, session }: HttpContext) {
    const agent = await Agent.findOrFail(Number(params.id) || 0)
    await bouncer.with(AgentPolicy).authorize('edit', agent)
    const input = await request.validateUsing(updateAgentValidator)
    const canChangeRoleOrStatus = await bouncer.with(AgentPolicy).allows('changeRoleOrStatus', agent)
    await new UpdateAgent().handle(agent, input, { canChangeRoleOrStatus })
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
