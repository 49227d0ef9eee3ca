import User from '#accounts/models/user'
import { findByPasswordLink } from '#accounts/services/signed_links'
import { clock } from '#core/clock'

/** The resident a reset link is for, if the link has not been used yet. */
export function findResettableUser(userId: number, fingerprint: unknown) {
  return findByPasswordLink((id) => User.find(id), userId, fingerprint)
}

/**
 * Sets the new password. Following the link proves the resident owns the
 * address, so an unverified account becomes verified.
 */
export default class ResetPassword {
  async handle(user: User, password: string) {
    user.password = password
    if (!user.emailVerifiedAt) user.emailVerifiedAt = clock.now()
    await user.save()
  }
}
