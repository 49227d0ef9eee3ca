import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import { findByPasswordLink } from '#accounts/services/signed_links'
import { endSessionsOf } from '#accounts/services/sessions'
import { clock } from '#core/clock'

/** The resident a reset link is for, if the link has not been used yet. */
export function findResettableUser(userId: number, fingerprint: unknown) {
  return findByPasswordLink((id) => User.find(id), userId, fingerprint)
}

/**
 * Sets the new password. Following the link proves the resident owns the
 * address, so an unverified account becomes verified. Every session of the
 * account ends with the old password: whoever knew it is logged out too.
 */
export default class ResetPassword {
  async handle(user: User, password: string) {
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.password = password
      if (!user.emailVerifiedAt) user.emailVerifiedAt = clock.now()
      await user.save()
      await endSessionsOf({ userId: user.id }, { client: trx })
    })
  }
}
