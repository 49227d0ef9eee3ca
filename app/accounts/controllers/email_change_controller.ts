import type { HttpContext } from '@adonisjs/core/http'
import { emailChangeValidator } from '#accounts/validators/resident'
import RequestEmailChange, {
  EMAIL_CHANGE_PURPOSE,
  EmailChangeRefusedError,
} from '#accounts/actions/request_email_change'
import ConfirmEmailChange from '#accounts/actions/confirm_email_change'
import { fieldError } from '#core/services/form_errors'

/**
 * /mon-espace/profil/adresse-electronique: a resident moves their account to
 * another address. The change waits for the link mailed to the new address
 * (/adresse-electronique/confirmation/:id), which works in any browser,
 * logged in or not: the signature and the pending address are the proof.
 */
export default class EmailChangeController {
  async edit({ view, auth }: HttpContext) {
    return view.render('accounts::email_change', { user: auth.use('web').getUserOrFail() })
  }

  async update({ request, response, auth, session, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const input = await request.validateUsing(emailChangeValidator)
    try {
      await new RequestEmailChange().handle(user, input)
    } catch (error) {
      if (!(error instanceof EmailChangeRefusedError)) throw error
      const field = error.reason === 'wrong_password' ? 'currentPassword' : 'newEmail'
      throw fieldError(field, i18n.t(`accounts.email_change.${error.reason}`))
    }
    session.flash('success_text', i18n.t('accounts.email_change.sent', { email: input.newEmail }))
    return response.redirect().status(303).toRoute('accounts.email_change.edit')
  }

  async confirm({ request, params, view, response, session, auth }: HttpContext) {
    const outcome = request.hasValidSignature(EMAIL_CHANGE_PURPOSE)
      ? await new ConfirmEmailChange().handle(Number(params.id), String(request.qs().email ?? ''))
      : 'invalid'
    if (outcome !== 'changed')
      return response
        .status(400)
        .send(await view.render('accounts::email_change_invalid', { outcome }))
    session.flash('success', 'accounts.email_change.done')
    const loggedIn = await auth.use('web').check()
    return response
      .redirect()
      .status(303)
      .toPath(loggedIn ? '/mon-espace/profil' : '/connexion')
  }
}
