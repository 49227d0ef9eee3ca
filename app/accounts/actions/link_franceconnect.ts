import User from '#accounts/models/user'
import type { VerifiedIdentity } from '#accounts/franceconnect/identity'
import { certifiedIdentity } from '#accounts/actions/franceconnect_login'
import { clock } from '#core/clock'

/**
 * Links a resident's account (they typed their password just before) to the
 * FranceConnect identity they came back with: their name and birth date
 * become FranceConnect's and are locked. A FranceConnect identity already
 * linked to another account is refused.
 */
export default class LinkFranceConnect {
  async handle(user: User, identity: VerifiedIdentity): Promise<'linked' | 'taken'> {
    const other = await User.query()
      .where('franceconnectSub', identity.sub)
      .whereNot('id', user.id)
      .first()
    if (other) return 'taken'
    user.merge({
      ...certifiedIdentity(identity),
      franceconnectSub: identity.sub,
      franceconnectLinkedAt: clock.now(),
    })
    await user.save()
    return 'linked'
  }

  /** Unlinking: the account stays, its identity can be edited again. */
  async unlink(user: User) {
    user.merge({ franceconnectSub: null, franceconnectLinkedAt: null })
    await user.save()
  }
}
