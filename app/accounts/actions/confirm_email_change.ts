import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import { queueMail } from '#core/mail'
import { lockForUpdate } from '#core/database/dialect'
import { clock } from '#core/clock'

export type EmailChangeOutcome = 'changed' | 'invalid' | 'taken'

/**
 * The resident opened the link sent to their new address: the account moves
 * to it (now verified, since the link reached it) and, in the same
 * transaction, the old address is told of the change, so that a resident
 * whose account was taken over hears of it. The link must be for the
 * address still pending (a used link, or one replaced by a later request,
 * is invalid), and the address must still be free.
 */
export default class ConfirmEmailChange {
  async handle(userId: number, email: string): Promise<EmailChangeOutcome> {
    if (!Number.isSafeInteger(userId) || userId <= 0 || !email) return 'invalid'
    return db.transaction(async (trx) => {
      const user = await lockForUpdate(User.query({ client: trx }).where('id', userId), trx).first()
      if (!user || user.pendingEmail !== email) return 'invalid'
      const taken = await User.query({ client: trx })
        .where('email', email)
        .whereNot('id', user.id)
        .first()
      user.pendingEmail = null
      if (taken) {
        await user.save()
        return 'taken'
      }
      const oldEmail = user.email
      user.merge({ email, emailVerifiedAt: clock.now() })
      await user.save()
      await queueMail(
        {
          to: oldEmail,
          subject: 'accounts.mails.email_changed.subject',
          view: 'accounts::emails/email_changed',
          data: { user, oldEmail, newEmail: email },
          locale: user.locale,
        },
        trx
      )
      return 'changed'
    })
  }
}
