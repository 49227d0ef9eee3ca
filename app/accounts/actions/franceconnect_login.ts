import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#accounts/models/user'
import type { VerifiedIdentity } from '#accounts/franceconnect/identity'
import { clock } from '#core/clock'

export type FranceConnectLoginOutcome =
  | { status: 'ok'; user: User; created: boolean }
  /** an account already has this e-mail: nothing is logged into, nothing created */
  | { status: 'email_taken'; email: string }
  | { status: 'no_email' }

/** Name and birth date as FranceConnect certifies them. */
export function certifiedIdentity(identity: VerifiedIdentity) {
  return {
    firstName: identity.firstName,
    lastName: identity.lastName,
    birthDate: DateTime.fromISO(identity.birthDate, { zone: 'Europe/Paris' }),
  }
}

/**
 * A resident comes back from FranceConnect. The account linked to their
 * `sub` is theirs. Otherwise an account is created with the identity
 * FranceConnect certifies and the e-mail it gives (FranceConnect vouches for
 * it: no confirmation mail), with a random password the resident can replace
 * through "mot de passe oublié". Never logs into an account because its
 * e-mail matches: that account's owner links FranceConnect from their
 * profile, after typing their password.
 */
export default class FranceConnectLogin {
  async handle(identity: VerifiedIdentity, locale: string): Promise<FranceConnectLoginOutcome> {
    const linked = await User.findBy('franceconnectSub', identity.sub)
    if (linked) return this.#refresh(linked, identity)
    if (!identity.email) return { status: 'no_email' }
    return db.transaction(async (trx) => {
      const sameEmail = await User.query({ client: trx }).where('email', identity.email!).first()
      if (sameEmail) return { status: 'email_taken' as const, email: identity.email! }
      const user = await User.create(
        {
          ...certifiedIdentity(identity),
          email: identity.email!,
          password: randomBytes(32).toString('base64url'),
          locale: locale === 'en' ? 'en' : 'fr',
          notifyByEmail: true,
          notifyBySms: false,
          emailVerifiedAt: clock.now(),
          franceconnectSub: identity.sub,
          franceconnectLinkedAt: clock.now(),
        },
        { client: trx }
      )
      return { status: 'ok' as const, user, created: true }
    })
  }

  /** FranceConnect's identity is the reference: a name changed at the civil registry follows. */
  async #refresh(user: User, identity: VerifiedIdentity) {
    user.merge(certifiedIdentity(identity))
    await user.save()
    return { status: 'ok' as const, user, created: false }
  }
}
