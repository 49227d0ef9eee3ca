import type { HttpContext } from '@adonisjs/core/http'
import Agent from '#accounts/models/agent'
import AttemptLogin from '#accounts/actions/attempt_login'
import { agentLoginValidator } from '#back_office/validators/admin'
import { safeReturnPath } from '#core/http/return_path'
import { clock } from '#core/clock'
import { logOut } from '#accounts/services/sessions'
import EndAgentSessions from '#back_office/actions/end_agent_sessions'

/** /agents/connexion, /agents/deconnexion and /agents/deconnexion-partout. */
export default class AgentSessionController {
  async create({ view }: HttpContext) {
    return view.render('back_office::login')
  }

  async store({ request, response, auth, session, view }: HttpContext) {
    const { email, password } = await request.validateUsing(agentLoginValidator)
    const outcome = await new AttemptLogin().handle(
      (uid, secret) => Agent.verifyCredentials(uid, secret) as Promise<Agent>,
      { scope: 'agent', email, password, ip: request.ip() }
    )
    if (outcome.status === 'throttled') {
      response.header('Retry-After', String(outcome.retryAfter))
      return response.status(429).send(
        await view.render('back_office::login', {
          email,
          failure: 'throttled',
          retryAfter: outcome.retryAfter,
        })
      )
    }
    // An inactive agent gets the same answer as a wrong password.
    if (outcome.status === 'invalid' || !outcome.account.active) {
      return response
        .status(422)
        .send(await view.render('back_office::login', { email, failure: 'invalid' }))
    }
    await auth.use('agent').login(outcome.account)
    outcome.account.lastLoginAt = clock.now()
    await outcome.account.save()
    const intended = session.pull('agent_intended_url')
    return response
      .redirect()
      .status(303)
      .toPath(intended ? safeReturnPath(intended) : '/agents')
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
