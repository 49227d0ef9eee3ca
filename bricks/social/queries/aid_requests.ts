import Demand from '#demands/models/demand'
import { scopeToServices } from '#demands/policies/demand_access'
import AidDecision from '../models/aid_decision.js'
import { AID_PROCEDURE } from '../procedures/aid_request.js'

/** The resident's own aid requests, newest first, each with its decision when there is one. */
export async function residentAidRequests(userId: number) {
  const demands = await Demand.query()
    .where('userId', userId)
    .where('procedureKey', AID_PROCEDURE)
    .whereNot('state', 'draft')
    .orderBy('id', 'desc')
    .limit(50)
  return withDecisions(demands)
}

/** The aid requests of the agent's services that await the commission or its decision, oldest first. */
export async function pendingAidRequests(serviceSlugs: string[]) {
  const demands = await scopeToServices(
    Demand.query()
      .where('procedureKey', AID_PROCEDURE)
      .whereIn('state', ['examination', 'commission']),
    serviceSlugs
  )
    .orderBy('id')
    .limit(200)
  return withDecisions(demands)
}

async function withDecisions(demands: Demand[]) {
  const decisions = demands.length
    ? await AidDecision.query().whereIn(
        'demandId',
        demands.map((demand) => demand.id)
      )
    : []
  return demands.map((demand) => ({
    demand,
    decision: decisions.find((decision) => decision.demandId === demand.id) ?? null,
  }))
}

export function decisionOf(demandId: number) {
  return AidDecision.findBy('demandId', demandId)
}
