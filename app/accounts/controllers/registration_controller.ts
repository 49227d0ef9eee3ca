import type { HttpContext } from '@adonisjs/core/http'
import { registrationValidator, emailOnlyValidator } from '#accounts/validators/resident'
import RegisterResident from '#accounts/actions/register_resident'
import SendVerificationMail, {
  VERIFICATION_PURPOSE,
} from '#accounts/actions/send_verification_mail'
import VerifyEmail from '#accounts/actions/verify_email'
import User from '#accounts/models/user'

/** /inscription: account creation and e-mail verification. */
export default class RegistrationController {
  async create({ view }: HttpContext) {
    return view.render('accounts::register')
  }

  /** New address or known one, the same answer: the owner of a known address is told by mail instead. */
  async store({ request, response, session, i18n }: HttpContext) {
    const input = await request.validateUsing(registrationValidator)
    await new RegisterResident().handle({ ...input, locale: i18n.locale })
    session.put('registered_email', input.email)
    return response.redirect().status(303).toRoute('accounts.verification.pending')
  }

  async pending({ view, session }: HttpContext) {
    return view.render('accounts::verification_pending', { email: session.get('registered_email') })
  }

  async confirm({ request, params, view, response, session }: HttpContext) {
    const user = request.hasValidSignature(VERIFICATION_PURPOSE)
      ? await new VerifyEmail().handle(Number(params.id), String(request.qs().email ?? ''))
      : null
    if (!user) {
      return response.status(400).send(await view.render('accounts::verification_invalid'))
    }
    session.flash('success', 'accounts.verification.done')
    return response.redirect().status(303).toRoute('accounts.login.create')
  }

  async resend({ request, response, session }: HttpContext) {
    const { email } = await request.validateUsing(emailOnlyValidator)
    const user = await User.query().where('email', email).whereNull('emailVerifiedAt').first()
    if (user) await new SendVerificationMail().handle(user)
    session.put('registered_email', email)
    return response.redirect().status(303).toRoute('accounts.verification.pending')
  }
}
