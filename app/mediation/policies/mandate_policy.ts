import type Agent from '#accounts/models/agent'
import type User from '#accounts/models/user'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import db from '@adonisjs/lucid/services/db'
import Mandate from '#mediation/models/mandate'

/*
 * Who may see which mandate. A resident sees and revokes their own; a
 * mediator sees only the mandates given to them that hold now (not
 * revoked, not expired): a revoked or expired mandate shows them nothing.
 */

function validId(id: unknown) {
  const value = Number(id)
  return Number.isSafeInteger(value) && value > 0 ? value : null
}

/** The resident's own mandate, or null. */
export async function residentMandate(user: User, id: unknown) {
  const value = validId(id)
  if (!value) return null
  return Mandate.query().where('id', value).where('userId', user.id).first()
}

/** The mandates given to the mediator that hold now, by the clock. */
export function activeMandatesOf(agent: Agent) {
  const now = dbTimestamp(clock.now().toUTC(), db.connection())
  return Mandate.query()
    .where('agentId', agent.id)
    .whereNull('revokedAt')
    .where('startsAt', '<=', now)
    .where('endsAt', '>', now)
}

/** A mandate given to the mediator that holds now, or null. */
export async function mediatorMandate(agent: Agent, id: unknown) {
  const value = validId(id)
  if (!value) return null
  return activeMandatesOf(agent).where('id', value).first()
}
