import type { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import { SESSIONS_TABLE } from '#accounts/services/session_store'

export type SessionOwner = { userId: number } | { agentId: number }

/**
 * Ends every session of a resident or of an agent, on every device: their
 * cookies open nothing any more. Called in the transaction of the change that
 * requires it (new password, deactivation), so both happen or neither.
 * `except` keeps one session (the one of the person asking, who is then
 * logged out the ordinary way).
 */
export async function endSessionsOf(
  owner: SessionOwner,
  options: { client?: QueryClientContract; except?: string } = {}
) {
  const query = (options.client ?? db.connection()).from(SESSIONS_TABLE)
  if ('userId' in owner) query.where('user_id', owner.userId)
  else query.where('agent_id', owner.agentId)
  if (options.except) query.whereNot('id', options.except)
  await query.delete()
}

/**
 * Logs a resident (`web`) or an agent out of this browser: the guard forgets
 * them and the session gets a new id, so the old id (and any copy of the
 * cookie) is deleted from the store when the response is sent.
 */
export async function logOut(ctx: HttpContext, guard: 'web' | 'agent') {
  await ctx.auth.use(guard).logout()
  ctx.session.regenerate()
}

/**
 * The resident logged in on this browser, or null. The guard is asked only
 * when the session holds a resident: asked for a visitor (or an agent), it
 * builds and throws an exception to say "nobody", about 1 % of the CPU of the
 * 9:00 slot release's booking pages. The session is the only way in (no
 * remember-me tokens, config/auth.ts).
 */
export async function loggedInResident(ctx: HttpContext): Promise<User | null> {
  const residents = ctx.auth.use('web')
  if (!residents.authenticationAttempted && !ctx.session?.has(residents.sessionKeyName)) return null
  return (await residents.check()) ? residents.user! : null
}
