import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#accounts/models/user'
import { queueMail } from '#core/mail'
import { signedLink } from '#accounts/services/signed_links'

export const EMAIL_CHANGE_PURPOSE = 'change_email'
/** How long the link sent to the new address opens the change. */
export const EMAIL_CHANGE_LINK_HOURS = 24

export type EmailChangeRefusal = 'wrong_password' | 'same_address' | 'taken'

export class EmailChangeRefusedError extends Error {
  constructor(readonly reason: EmailChangeRefusal) {
    super(`E-mail change refused: ${reason}`)
  }
}

/**
 * A resident asks to move their account to another address. The current
 * password proves it is them; the address must be no one else's. Nothing
 * changes yet: the new address is kept as pending and, in the same
 * transaction, a signed link valid EMAIL_CHANGE_LINK_HOURS is mailed there.
 * A later request replaces the pending address, so an older link confirms
 * nothing.
 */
export default class RequestEmailChange {
  async handle(user: User, input: { newEmail: string; currentPassword: string }) {
    if (!(await hash.use('scrypt').verify(user.password, input.currentPassword)))
      throw new EmailChangeRefusedError('wrong_password')
    if (input.newEmail === user.email) throw new EmailChangeRefusedError('same_address')
    await db.transaction(async (trx) => {
      const taken = await User.query({ client: trx })
        .where('email', input.newEmail)
        .whereNot('id', user.id)
        .first()
      if (taken) throw new EmailChangeRefusedError('taken')
      user.useTransaction(trx)
      user.pendingEmail = input.newEmail
      await user.save()
      await queueMail(
        {
          to: input.newEmail,
          subject: 'accounts.mails.email_change.subject',
          view: 'accounts::emails/email_change',
          data: { user, link: emailChangeLink(user.id, input.newEmail) },
          locale: user.locale,
        },
        trx
      )
    })
  }
}

/** The link that moves the account to `email`, signed and expiring. */
export function emailChangeLink(userId: number, email: string) {
  return signedLink(
    'accounts.email_change.confirm',
    { id: userId },
    { expiresIn: `${EMAIL_CHANGE_LINK_HOURS}h`, purpose: EMAIL_CHANGE_PURPOSE, qs: { email } }
  )
}
