import type { HttpContext } from '@adonisjs/core/http'
import Agent from '#accounts/models/agent'
import { agentEmailValidator, agentPasswordValidator } from '#back_office/validators/admin'
import SendAgentPasswordLink, {
  AGENT_PASSWORD_PURPOSE,
} from '#back_office/actions/send_agent_password_link'
import SetAgentPassword, { findAgentForPasswordLink } from '#back_office/actions/set_agent_password'

/** An agent chooses their password from an invitation or a reset link. */
export default class AgentPasswordController {
  async forgot({ view }: HttpContext) {
    return view.render('back_office::forgot_password')
  }

  async sendLink({ request, response, session }: HttpContext) {
    const { email } = await request.validateUsing(agentEmailValidator)
    const agent = await Agent.query().where('email', email).where('active', true).first()
    if (agent) await new SendAgentPasswordLink().handle(agent, 'reset')
    session.flash('success', 'back_office.password.link_sent')
    return response.redirect().status(303).toPath('/agents/connexion')
  }

  async edit({ request, params, view, response }: HttpContext) {
    const agent = request.hasValidSignature(AGENT_PASSWORD_PURPOSE)
      ? await findAgentForPasswordLink(Number(params.id), request.qs().empreinte)
      : null
    if (!agent) return response.status(400).send(await view.render('back_office::password_invalid'))
    return view.render('back_office::password', { action: request.url(true), agent })
  }

  async update({ request, params, view, response, session }: HttpContext) {
    const agent = request.hasValidSignature(AGENT_PASSWORD_PURPOSE)
      ? await findAgentForPasswordLink(Number(params.id), request.qs().empreinte)
      : null
    if (!agent) return response.status(400).send(await view.render('back_office::password_invalid'))
    const { password } = await request.validateUsing(agentPasswordValidator, {
      data: {
        ...request.all(),
        email: agent.email,
        firstName: agent.firstName,
        lastName: agent.lastName,
      },
    })
    await new SetAgentPassword().handle(agent, password)
    session.flash('success', 'back_office.password.saved')
    return response.redirect().status(303).toPath('/agents/connexion')
  }
}
