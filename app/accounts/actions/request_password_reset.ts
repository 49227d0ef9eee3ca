import User from '#accounts/models/user'
import { queueMail } from '#core/mail'
import { passwordFingerprint, signedLink } from '#accounts/services/signed_links'

export const PASSWORD_RESET_PURPOSE = 'reset_password'

/** A one-hour, single-use link to choose a new password (it dies with the password it was made for). */
export function passwordResetLink(user: User) {
  return signedLink(
    'accounts.password_reset.edit',
    { id: user.id },
    {
      expiresIn: '1h',
      purpose: PASSWORD_RESET_PURPOSE,
      qs: { empreinte: passwordFingerprint(user.password) },
    }
  )
}

/**
 * Mails a reset link when the account exists; does nothing otherwise (the
 * page says the same in both cases).
 */
export default class RequestPasswordReset {
  async handle(email: string) {
    const user = await User.findBy('email', email)
    if (!user) return
    await queueMail({
      to: user.email,
      subject: 'accounts.mails.password_reset.subject',
      view: 'accounts::emails/password_reset',
      data: { user, link: passwordResetLink(user) },
      locale: user.locale,
    })
  }
}
