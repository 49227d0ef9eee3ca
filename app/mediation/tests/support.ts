import type Agent from '#accounts/models/agent'
import type User from '#accounts/models/user'
import { clock } from '#core/clock'
import { createAgent } from '#tests/support/factories/accounts'
import Mandate from '#mediation/models/mandate'
import { ACTING_KEY } from '#mediation/services/acting'

/** A mediator of the "Médiation numérique" service. */
export function createMediator(email?: string) {
  return createAgent({ services: ['mediation'], email })
}

/** A mandate the resident gave the mediator, starting now, for `months` months. */
export function giveMandate(
  user: User,
  mediator: Agent,
  scope: string[] = ['demands'],
  months = 3
) {
  const now = clock.now()
  return Mandate.create({
    userId: user.id,
    agentId: mediator.id,
    scope,
    channel: 'online',
    startsAt: now,
    endsAt: now.plus({ months }),
    revokedAt: null,
    revokedBy: null,
  })
}

/** The session of a mediator acting for the resident under the mandate (both guards logged in). */
export function actingSession(mandate: Mandate) {
  return {
    auth_web: mandate.userId,
    auth_agent: mandate.agentId,
    [ACTING_KEY]: { mandateId: mandate.id, agentId: mandate.agentId },
  }
}
