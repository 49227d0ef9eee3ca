import type Agent from '#accounts/models/agent'
import type Demand from '#demands/models/demand'
import FireTransition from '#demands/actions/fire_transition'
import { clock } from '#core/clock'
import AidDecision from '../models/aid_decision.js'

export type AidOutcome =
  { outcome: 'granted'; amountCents: number } | { outcome: 'refused'; reason: string }

/** The decision as typed: a grant needs its amount (euros), a refusal its reason; else the field missing. */
export function aidOutcome(input: {
  outcome: 'granted' | 'refused'
  amount?: number
  reason?: string
}): AidOutcome | { missing: 'amount' | 'reason' } {
  if (input.outcome === 'granted')
    return input.amount
      ? { outcome: 'granted', amountCents: Math.round(input.amount * 100) }
      : { missing: 'amount' }
  return input.reason ? { outcome: 'refused', reason: input.reason } : { missing: 'reason' }
}

function euros(cents: number) {
  return (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' })
}

/**
 * Records the commission's decision on an aid request (granted with an
 * amount, refused with a reason) and closes the demand in the same
 * transaction; the resident is told, and downloads the decision letter.
 */
export default class DecideAid {
  async handle(agent: Agent, demand: Demand, decision: AidOutcome) {
    const granted = decision.outcome === 'granted'
    await new FireTransition().handle({
      demandId: demand.id,
      transition: granted ? 'grant' : 'refuse',
      actor: { kind: 'system' },
      actorId: agent.id,
      expectedState: 'commission',
      comment: granted
        ? `Aide accordée : ${euros(decision.amountCents)}`
        : `Aide refusée : ${decision.reason}`,
      alongside: async (trx) => {
        const row = await AidDecision.query({ client: trx })
          .where('demandId', demand.id)
          .firstOrFail()
        row.merge({
          outcome: decision.outcome,
          amountCents: granted ? decision.amountCents : null,
          reason: granted ? null : decision.reason,
          agentId: agent.id,
          decidedAt: clock.now(),
        })
        await row.useTransaction(trx).save()
      },
    })
  }
}
