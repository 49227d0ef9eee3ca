import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import SendVerificationMail from '#accounts/actions/send_verification_mail'

export class EmailTakenError extends Error {}

/** Creates an unverified resident account and, in the same transaction, queues the verification mail. */
export default class RegisterResident {
  async handle(input: { firstName: string; lastName: string; email: string; password: string; locale: string }) {
    const user = await db.transaction(async (trx) => {
      const existing = await User.query({ client: trx }).where('email', input.email).first()
      if (existing) throw new EmailTakenError()
      const created = await User.create({ ...input, notifyByEmail: true, notifyBySms: false }, { client: trx })
      await new SendVerificationMail().handle(created, trx)
      return created
    })
    return user
  }
}
