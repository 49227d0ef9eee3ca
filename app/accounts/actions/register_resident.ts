import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#accounts/models/user'
import SendVerificationMail from '#accounts/actions/send_verification_mail'
import { passwordResetLink } from '#accounts/actions/request_password_reset'
import { queueMail } from '#core/mail'
import parvisConfig from '#config/parvis'

/**
 * Creates an unverified resident account and, in the same transaction,
 * queues the verification mail.
 *
 * An address that already has an account gets the very same answer (the
 * page cannot tell who has an account here): nothing is created, and the
 * owner of the address is told by mail that someone tried, with a link to
 * choose a new password in case it was them. The password typed is hashed
 * all the same, so both paths take the same time.
 */
export default class RegisterResident {
  async handle(input: {
    firstName: string
    lastName: string
    email: string
    password: string
    locale: string
  }) {
    await db.transaction(async (trx) => {
      const existing = await User.query({ client: trx }).where('email', input.email).first()
      if (existing) {
        await hash.make(input.password)
        await queueMail(
          {
            to: existing.email,
            subject: 'accounts.mails.account_exists.subject',
            view: 'accounts::emails/account_exists',
            data: {
              user: existing,
              link: passwordResetLink(existing),
              loginUrl: `${parvisConfig.appUrl}/connexion`,
            },
            locale: existing.locale,
          },
          trx
        )
        return
      }
      const created = await User.create(
        { ...input, notifyByEmail: true, notifyBySms: false },
        { client: trx }
      )
      await new SendVerificationMail().handle(created, trx)
    })
  }
}
