import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import User from '#accounts/models/user'
import AttemptLogin from '#accounts/actions/attempt_login'
import FranceConnectLogin from '#accounts/actions/franceconnect_login'
import LinkFranceConnect from '#accounts/actions/link_franceconnect'
import { franceConnectLinkValidator } from '#accounts/validators/resident'
import { franceConnect } from '#accounts/franceconnect/settings'
import {
  authorizationRequest,
  completeLogin,
  FranceConnectError,
  type CompletedLogin,
} from '#accounts/franceconnect/client'
import {
  logoutReturned,
  pullFlow,
  rememberFranceConnectLogin,
  startFlow,
  type FranceConnectFlow,
} from '#accounts/services/franceconnect_session'
import { safeReturnPath } from '#core/http/return_path'
import { fieldError } from '#core/services/form_errors'

type Failure = 'expired' | 'refused' | 'invalid_answer' | 'unreachable' | 'no_email' | 'taken'

function verifyResident(email: string, password: string) {
  return User.verifyCredentials(email, password) as Promise<User>
}

/**
 * FranceConnect for residents: /franceconnect/connexion sends the browser to
 * FranceConnect, /franceconnect/retour comes back from it (login, first
 * login creating the account, or linking from the profile), and
 * /mon-espace/profil/franceconnect links and unlinks an account.
 */
export default class FranceConnectController {
  /** Also for a resident logged in with a password whom a procedure asks for FranceConnect. */
  async start(ctx: HttpContext) {
    const asked = ctx.request.input('retour') ?? ctx.session.pull('intended_url')
    const returnTo = asked ? safeReturnPath(asked) : undefined
    return this.#begin(ctx, { intent: 'login', returnTo })
  }

  async callback(ctx: HttpContext) {
    const flow = pullFlow(ctx.session)
    if (!flow) return this.#failed(ctx, 'expired')
    const login = await this.#complete(flow, ctx.request.qs())
    if (login instanceof FranceConnectError) return this.#failed(ctx, login.reason)
    return flow.intent === 'link' ? this.#link(ctx, flow, login) : this.#login(ctx, flow, login)
  }

  async manage({ view, auth }: HttpContext) {
    return view.render('accounts::franceconnect/manage', { user: auth.use('web').getUserOrFail() })
  }

  /** Linking starts with the password: whoever holds the session alone cannot attach their own identity. */
  async link(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const { currentPassword } = await ctx.request.validateUsing(franceConnectLinkValidator)
    const attempt = { scope: 'web' as const, email: user.email, password: currentPassword }
    const outcome = await new AttemptLogin().handle(verifyResident, {
      ...attempt,
      ip: ctx.request.ip(),
    })
    if (outcome.status !== 'ok')
      throw fieldError('currentPassword', ctx.i18n.t(`franceconnect.link.${outcome.status}`))
    return this.#begin(ctx, { intent: 'link', userId: user.id })
  }

  async unlink({ auth, response, session }: HttpContext) {
    await new LinkFranceConnect().unlink(auth.use('web').getUserOrFail())
    session.flash('success', 'franceconnect.link.unlinked')
    return response.redirect().status(303).toPath('/mon-espace/profil/franceconnect')
  }

  /** Back from FranceConnect's end-session endpoint. */
  async loggedOut({ request, response, session }: HttpContext) {
    const known = logoutReturned(session, request.input('state'))
    session.flash('success', known ? 'franceconnect.logout.done' : 'accounts.logout.done')
    return response.redirect().status(303).toPath('/')
  }

  async #begin(ctx: HttpContext, flow: Omit<FranceConnectFlow, 'state' | 'nonce'>) {
    try {
      const pending = await authorizationRequest(await franceConnect())
      startFlow(ctx.session, { ...flow, state: pending.state, nonce: pending.nonce })
      return ctx.response.redirect().status(303).toPath(pending.url)
    } catch (error) {
      if (!(error instanceof FranceConnectError)) throw error
      return this.#failed(ctx, error.reason)
    }
  }

  async #complete(flow: FranceConnectFlow, query: Record<string, unknown>) {
    try {
      return await completeLogin(await franceConnect(), query, flow)
    } catch (error) {
      if (!(error instanceof FranceConnectError)) throw error
      logger.warn({ err: error.cause ?? error }, 'FranceConnect login refused: %s', error.reason)
      return error
    }
  }

  async #login(ctx: HttpContext, flow: FranceConnectFlow, login: CompletedLogin) {
    const outcome = await new FranceConnectLogin().handle(login.identity, ctx.i18n.locale)
    if (outcome.status === 'no_email') return this.#failed(ctx, 'no_email')
    if (outcome.status === 'email_taken') {
      // Once logged in with their password, the owner lands where they link FranceConnect.
      ctx.session.put('intended_url', '/mon-espace/profil/franceconnect')
      const html = await ctx.view.render('accounts::franceconnect/email_taken', outcome)
      return ctx.response.status(409).send(html)
    }
    await ctx.auth.use('web').login(outcome.user)
    rememberFranceConnectLogin(ctx.session, login.idToken)
    if (outcome.created) ctx.session.flash('success', 'franceconnect.login.created')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(flow.returnTo ?? '/mon-espace')
  }

  async #link(ctx: HttpContext, flow: FranceConnectFlow, login: CompletedLogin) {
    await ctx.auth.use('web').check()
    const user = ctx.auth.use('web').user
    if (!user || user.id !== flow.userId) return this.#failed(ctx, 'expired')
    const result = await new LinkFranceConnect().handle(user, login.identity)
    if (result === 'taken') return this.#failed(ctx, 'taken')
    rememberFranceConnectLogin(ctx.session, login.idToken)
    ctx.session.flash('success', 'franceconnect.link.linked')
    return ctx.response.redirect().status(303).toPath('/mon-espace/profil/franceconnect')
  }

  /** A French page saying what went wrong; nobody is logged in by a failed return. */
  async #failed(ctx: HttpContext, failure: Failure) {
    const html = await ctx.view.render('accounts::franceconnect/error', { failure })
    return ctx.response.status(failure === 'unreachable' ? 502 : 400).send(html)
  }
}
