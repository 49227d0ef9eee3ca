import type { HttpContext } from '@adonisjs/core/http'
import Agent from '#accounts/models/agent'
import AttemptLogin from '#accounts/actions/attempt_login'
import { agentLoginValidator } from '#back_office/validators/admin'
import { logOut } from '#accounts/services/sessions'
import EndAgentSessions from '#back_office/actions/end_agent_sessions'
import { loginRefused } from '#accounts/services/login_refusals'
import { continueAfterPassword } from '#back_office/services/second_factor_login'

const LOGIN_PAGE = 'back_office::login'

function verifyAgent(email: string, password: string) {
  return Agent.verifyCredentials(email, password) as Promise<Agent>
}

/** /agents/connexion, /agents/deconnexion and /agents/deconnexion-partout. */
export default class AgentSessionController {
  async create({ view }: HttpContext) {
    return view.render(LOGIN_PAGE)
  }

  async store(ctx: HttpContext) {
    const { request } = ctx
    const { email, password } = await request.validateUsing(agentLoginValidator)
    const attempt = { scope: 'agent' as const, email, password, ip: request.ip() }
    const outcome = await new AttemptLogin().handle(verifyAgent, attempt)
    if (outcome.status === 'throttled') return loginRefused(ctx, LOGIN_PAGE, email, outcome)
    // An inactive agent gets the same answer as a wrong password.
    if (outcome.status === 'invalid' || !outcome.account.active)
      return loginRefused(ctx, LOGIN_PAGE, email, { status: 'invalid' })
    // Logged in now, or once the second factor is given (#back_office/services/second_factor_login).
    return continueAfterPassword(ctx, outcome.account)
  }

  async destroy(ctx: HttpContext) {
    await logOut(ctx, 'agent')
    return ctx.response.redirect().status(303).toPath('/agents/connexion')
  }

  /** The agent ends their sessions on every device, this one included. */
  async destroyEverywhere(ctx: HttpContext) {
    await new EndAgentSessions().handle(ctx.auth.use('agent').getUserOrFail(), {
      except: ctx.session.sessionId,
    })
    await logOut(ctx, 'agent')
    ctx.session.flash('success', 'back_office.sessions.ended_own')
    return ctx.response.redirect().status(303).toPath('/agents/connexion')
  }
}
