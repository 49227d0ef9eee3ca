import type Agent from '#accounts/models/agent'
import Demand from '#demands/models/demand'
import AssignDemand from '#demands/actions/assign_demand'
import FireTransition, { StaleDemandError } from '#demands/actions/fire_transition'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { scopeToServices } from '#demands/policies/demand_access'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { availableTransitions, TransitionError, type Actor } from '#workflow/define_workflow'

/** How an agent appears to a workflow. */
export function agentActor(agent: Agent): Actor {
  return { kind: 'agent', role: agent.role }
}

/**
 * What a bulk action would do: the selected demands of the agent's services
 * that can take it, those that cannot (skipped), and whether the
 * transition needs a comment. Shown for confirmation, then applied.
 */
export async function planBulkAction(agent: Agent, ids: number[], action: string) {
  const demands = await scopeToServices(
    Demand.query().whereIn('id', ids),
    await agentServiceSlugs(agent)
  ).orderBy('id')
  const transitionKey = action.startsWith('transition:') ? action.slice('transition:'.length) : null
  let transitionLabel: string | null = null
  let commentRequired = false
  const eligible: { demand: Demand }[] = []
  const skipped: { demand: Demand }[] = []
  for (const demand of demands) {
    const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
    if (!procedure) continue
    if (action === 'assign_me') {
      eligible.push({ demand })
      continue
    }
    const transition = transitionKey
      ? availableTransitions(workflowOf(procedure), demand.state, agentActor(agent)).find(
          (candidate) => candidate.key === transitionKey
        )
      : null
    if (transition) {
      transitionLabel = transition.label
      commentRequired ||= Boolean(transition.commentRequired)
      eligible.push({ demand })
    } else skipped.push({ demand })
  }
  return { eligible, skipped, transitionKey, transitionLabel, commentRequired }
}

/** Applies a planned bulk action demand by demand; one that moved meanwhile is left, the others go on. Returns how many were done. */
export async function applyBulkAction(
  agent: Agent,
  plan: Awaited<ReturnType<typeof planBulkAction>>,
  action: string,
  comment?: string
) {
  let done = 0
  for (const { demand } of plan.eligible) {
    try {
      if (action === 'assign_me') await new AssignDemand().handle(demand.id, agent.id, agent)
      else
        await new FireTransition().handle({
          demandId: demand.id,
          transition: plan.transitionKey!,
          actor: agentActor(agent),
          actorId: agent.id,
          comment,
          expectedState: demand.state,
        })
      done++
    } catch (error) {
      if (!(error instanceof TransitionError || error instanceof StaleDemandError)) throw error
    }
  }
  return done
}
