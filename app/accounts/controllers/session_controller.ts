import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator } from '#accounts/validators/resident'
import AttemptLogin from '#accounts/actions/attempt_login'
import User from '#accounts/models/user'
import { safeReturnPath } from '#core/http/return_path'
import { logOut } from '#accounts/services/sessions'

/** /connexion and /deconnexion for residents. */
export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('accounts::login')
  }

  async store({ request, response, auth, session, view }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    const outcome = await new AttemptLogin().handle(
      (uid, secret) => User.verifyCredentials(uid, secret) as Promise<User>,
      { scope: 'web', email, password, ip: request.ip() }
    )
    if (outcome.status === 'throttled') {
      response.header('Retry-After', String(outcome.retryAfter))
      return response.status(429).send(
        await view.render('accounts::login', {
          email,
          failure: 'throttled',
          retryAfter: outcome.retryAfter,
        })
      )
    }
    if (outcome.status === 'invalid') {
      return response
        .status(422)
        .send(await view.render('accounts::login', { email, failure: 'invalid' }))
    }
    if (!outcome.account.isVerified) {
      return response
        .status(403)
        .send(await view.render('accounts::login', { email, failure: 'unverified' }))
    }
    await auth.use('web').login(outcome.account)
    const intended = session.pull('intended_url')
    return response
      .redirect()
      .status(303)
      .toPath(intended ? safeReturnPath(intended) : '/mon-espace')
  }

  async destroy(ctx: HttpContext) {
    await logOut(ctx, 'web')
    ctx.session.flash('success', 'accounts.logout.done')
    return ctx.response.redirect().status(303).toPath('/')
  }
}
