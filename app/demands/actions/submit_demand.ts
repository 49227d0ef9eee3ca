import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { nextReference } from '#demands/services/reference'
import { addWorkingDays } from '#core/services/french_calendar'
import { lockForUpdate } from '#core/database/dialect'

export class SubmissionRefusedError extends Error {
  constructor(public reasons: string[]) {
    super(`Submission refused: ${reasons.join(', ')}`)
  }
}

/**
 * Turns a complete draft into a submitted demand, in one transaction: its
 * reference, its first state and SLA deadline, and the first line of its
 * timeline. A draft submitted twice (double click, two tabs) is refused the
 * second time; two drafts submitted at once get distinct references.
 */
export default class SubmitDemand {
  async handle(demandId: number, options: { now?: DateTime } = {}) {
    const now = options.now ?? DateTime.now()
    return db.transaction(async (trx) => {
      const demand = await lockForUpdate(Demand.query({ client: trx }).where('id', demandId), trx).firstOrFail()
      if (!demand.isDraft) throw new SubmissionRefusedError(['already_submitted'])
      const procedure = findProcedure(demand.procedureKey)
      if (!procedure) throw new SubmissionRefusedError(['unknown_procedure'])

      const reasons = (await procedure.hooks?.beforeSubmit?.(demand.answers)) ?? []
      if (reasons.length > 0) throw new SubmissionRefusedError(reasons)

      const workflow = workflowOf(procedure)
      demand.useTransaction(trx)
      demand.merge({
        reference: await nextReference(trx, now),
        state: workflow.initial,
        submittedAt: now,
        dueAt: addWorkingDays(now, procedure.slaDays),
      })
      await demand.save()
      await DemandEvent.create(
        {
          demandId: demand.id,
          kind: 'submitted',
          actorType: demand.filedByAgentId ? 'agent' : 'resident',
          actorId: demand.filedByAgentId ?? demand.userId,
          toState: workflow.initial,
          visibleToResident: true,
        },
        { client: trx }
      )
      return demand
    })
  }
}
