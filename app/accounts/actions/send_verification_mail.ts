import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#accounts/models/user'
import { queueMail } from '#core/mail'
import { signedLink } from '#accounts/services/signed_links'

export const VERIFICATION_PURPOSE = 'verify_email'

/** Mails a link, valid 48 hours, that confirms the resident owns the address. */
export default class SendVerificationMail {
  async handle(user: User, trx?: TransactionClientContract) {
    const link = signedLink(
      'accounts.verification.confirm',
      { id: user.id },
      { expiresIn: '48h', purpose: VERIFICATION_PURPOSE, qs: { email: user.email } }
    )
    await queueMail(
      {
        to: user.email,
        subject: 'accounts.mails.verification.subject',
        view: 'accounts::emails/verification',
        data: { user, link },
        locale: user.locale,
      },
      trx
    )
  }
}
