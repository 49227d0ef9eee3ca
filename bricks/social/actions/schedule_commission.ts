import { DateTime } from 'luxon'
import type Agent from '#accounts/models/agent'
import type Demand from '#demands/models/demand'
import FireTransition from '#demands/actions/fire_transition'
import AidDecision from '../models/aid_decision.js'

/**
 * Puts an aid request under examination before the commission of a given
 * day: the date is recorded with the demand's move, in one transaction,
 * and the resident reads it on their demand.
 */
export default class ScheduleCommission {
  async handle(agent: Agent, demand: Demand, commissionOn: string) {
    const day = DateTime.fromISO(commissionOn, { zone: 'Europe/Paris' }).toFormat('dd/MM/yyyy')
    await new FireTransition().handle({
      demandId: demand.id,
      transition: 'schedule_commission',
      actor: { kind: 'system' },
      actorId: agent.id,
      expectedState: 'examination',
      comment: `Commission du ${day}`,
      alongside: async (trx) => {
        await AidDecision.updateOrCreate(
          { demandId: demand.id },
          { commissionOn, outcome: null, amountCents: null, reason: null, agentId: agent.id },
          { client: trx }
        )
      },
    })
  }
}
