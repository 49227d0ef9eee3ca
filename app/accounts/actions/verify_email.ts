import User from '#accounts/models/user'
import { clock } from '#core/clock'

/**
 * Marks the address as verified. The signed link carries the address it was
 * sent to, so a link sent before an address change verifies nothing.
 */
export default class VerifyEmail {
  async handle(userId: number, email: string): Promise<User | null> {
    const user = await User.find(userId)
    if (!user || user.email !== email) return null
    if (!user.emailVerifiedAt) {
      user.emailVerifiedAt = clock.now()
      await user.save()
    }
    return user
  }
}
