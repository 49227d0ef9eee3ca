import db from '@adonisjs/lucid/services/db'
import Agent from '#accounts/models/agent'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import { lockForUpdate } from '#core/database/dialect'
import { agentServiceSlugs } from '#accounts/services/agent_services'

export class AssigneeNotInServiceError extends Error {}

/**
 * Gives a demand to an agent of its service (or to nobody); written to the
 * timeline, for agents only. `by` is the agent, or the business software
 * (its name) assigning through the API.
 */
export default class AssignDemand {
  async handle(demandId: number, assigneeId: number | null, by: Agent | { software: string }) {
    if (assigneeId !== null) {
      const assignee = await Agent.query()
        .where('id', assigneeId)
        .where('active', true)
        .preload('services')
        .first()
      const demand = await Demand.findOrFail(demandId)
      if (!assignee || !(await agentServiceSlugs(assignee)).includes(demand.serviceSlug))
        throw new AssigneeNotInServiceError()
    }
    return db.transaction(async (trx) => {
      const demand = await lockForUpdate(
        Demand.query({ client: trx }).where('id', demandId),
        trx
      ).firstOrFail()
      if (demand.assigneeId === assigneeId) return demand
      demand.useTransaction(trx)
      demand.assigneeId = assigneeId
      await demand.save()
      await DemandEvent.create(
        {
          demandId,
          kind: 'assignment',
          ...('software' in by
            ? { actorType: 'software' as const, actorId: null, actorName: by.software }
            : { actorType: 'agent' as const, actorId: by.id }),
          body: assigneeId === null ? null : String(assigneeId),
          visibleToResident: false,
        },
        { client: trx }
      )
      return demand
    })
  }
}
