import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator } from '#accounts/validators/resident'
import AttemptLogin from '#accounts/actions/attempt_login'
import User from '#accounts/models/user'
import { safeReturnPath } from '#core/http/return_path'
import { logOut } from '#accounts/services/sessions'
import { loginRefused } from '#accounts/services/login_refusals'
import {
  forgetFranceConnectLogin,
  franceConnectLogout,
  keepLogoutState,
} from '#accounts/services/franceconnect_session'

const LOGIN_PAGE = 'accounts::login'

function verifyResident(email: string, password: string) {
  return User.verifyCredentials(email, password) as Promise<User>
}

/** /connexion and /deconnexion for residents. */
export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render(LOGIN_PAGE)
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, session } = ctx
    const { email, password } = await request.validateUsing(loginValidator)
    const attempt = { scope: 'web' as const, email, password, ip: request.ip() }
    const outcome = await new AttemptLogin().handle(verifyResident, attempt)
    if (outcome.status !== 'ok') return loginRefused(ctx, LOGIN_PAGE, email, outcome)
    if (!outcome.account.isVerified)
      return loginRefused(ctx, LOGIN_PAGE, email, { status: 'unverified' })
    await auth.use('web').login(outcome.account)
    forgetFranceConnectLogin(session)
    const intended = session.pull('intended_url')
    return response
      .redirect()
      .status(303)
      .toPath(intended ? safeReturnPath(intended) : '/mon-espace')
  }

  /** A session that came from FranceConnect ends at FranceConnect too (its end-session endpoint). */
  async destroy(ctx: HttpContext) {
    const franceConnect = await franceConnectLogout(ctx.session)
    await logOut(ctx, 'web')
    if (franceConnect) {
      keepLogoutState(ctx.session, franceConnect.state)
      return ctx.response.redirect().status(303).toPath(franceConnect.url)
    }
    ctx.session.flash('success', 'accounts.logout.done')
    return ctx.response.redirect().status(303).toPath('/')
  }
}
