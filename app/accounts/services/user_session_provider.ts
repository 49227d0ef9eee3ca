import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type User from '#accounts/models/user'
import { takeSessionUser } from '#accounts/services/session_owners'

type UserModel = typeof User

/**
 * How the residents' session guard finds the logged-in resident on each
 * request: from the row read with the session (session_owners.ts), else as
 * Lucid's provider does.
 */
export class UserSessionProvider extends SessionLucidUserProvider<UserModel> {
  async findById(identifier: string | number | BigInt) {
    const withSession = takeSessionUser(identifier)
    if (withSession) return this.createUserForGuard(withSession)
    return super.findById(identifier)
  }
}
