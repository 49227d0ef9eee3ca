import type { HttpContext } from '@adonisjs/core/http'
import { emailOnlyValidator, validateNewPassword } from '#accounts/validators/resident'
import RequestPasswordReset, {
  PASSWORD_RESET_PURPOSE,
} from '#accounts/actions/request_password_reset'
import ResetPassword, { findResettableUser } from '#accounts/actions/reset_password'

/** /mot-de-passe-oublie: request a link by mail, then choose a new password. */
export default class PasswordResetController {
  async create({ view }: HttpContext) {
    return view.render('accounts::forgot_password')
  }

  async store({ request, response }: HttpContext) {
    const { email } = await request.validateUsing(emailOnlyValidator)
    await new RequestPasswordReset().handle(email)
    return response.redirect().status(303).toRoute('accounts.password_reset.sent')
  }

  async sent({ view }: HttpContext) {
    return view.render('accounts::forgot_password_sent')
  }

  async edit({ request, params, view, response }: HttpContext) {
    const user = await this.#resettableUser(request, params)
    if (!user)
      return response.status(400).send(await view.render('accounts::reset_password_invalid'))
    return view.render('accounts::reset_password', { action: request.url(true) })
  }

  async update({ request, params, view, response, session }: HttpContext) {
    const user = await this.#resettableUser(request, params)
    if (!user)
      return response.status(400).send(await view.render('accounts::reset_password_invalid'))
    const { password } = await validateNewPassword(request, user)
    await new ResetPassword().handle(user, password)
    session.flash('success', 'accounts.password_reset.done')
    return response.redirect().status(303).toRoute('accounts.login.create')
  }

  /** The resident of a signed reset link still valid (its fingerprint changes once the password does). */
  async #resettableUser(request: HttpContext['request'], params: HttpContext['params']) {
    return request.hasValidSignature(PASSWORD_RESET_PURPOSE)
      ? await findResettableUser(Number(params.id), request.qs().empreinte)
      : null
  }
}
