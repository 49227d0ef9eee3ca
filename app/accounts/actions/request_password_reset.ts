import User from '#accounts/models/user'
import { queueMail } from '#notifications/queue_mail'
import { passwordFingerprint, signedLink } from '#accounts/services/signed_links'

export const PASSWORD_RESET_PURPOSE = 'reset_password'

/**
 * Mails a one-hour, single-use reset link when the account exists; does
 * nothing otherwise (the page says the same in both cases).
 */
export default class RequestPasswordReset {
  async handle(email: string) {
    const user = await User.findBy('email', email)
    if (!user) return
    const link = signedLink(
      'accounts.password_reset.edit',
      { id: user.id },
      { expiresIn: '1h', purpose: PASSWORD_RESET_PURPOSE, qs: { empreinte: passwordFingerprint(user.password) } }
    )
    await queueMail({
      to: user.email,
      subject: 'accounts.mails.password_reset.subject',
      view: 'emails/accounts/password_reset',
      data: { user, link },
      locale: user.locale,
    })
  }
}
