import { DateTime } from 'luxon'
import User from '#accounts/models/user'
import { passwordFingerprint } from '#accounts/services/signed_links'

/** Finds the account a reset link is for, if the link has not been used yet. */
export async function findResettableUser(userId: number, fingerprint: unknown) {
  const user = await User.find(userId)
  if (!user || typeof fingerprint !== 'string' || passwordFingerprint(user.password) !== fingerprint) return null
  return user
}

/**
 * Sets the new password. Following the link proves the resident owns the
 * address, so an unverified account becomes verified.
 */
export default class ResetPassword {
  async handle(user: User, password: string) {
    user.password = password
    if (!user.emailVerifiedAt) user.emailVerifiedAt = DateTime.now()
    await user.save()
  }
}
