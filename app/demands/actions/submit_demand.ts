import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { nextReference } from '#demands/services/reference'
import { addWorkingDays } from '#core/services/french_calendar'
import { lockForUpdate } from '#core/database/dialect'
import DemandFile from '#demands/models/demand_file'
import { allFields } from '#demands/procedures/present'
import { isVisible } from '#demands/procedures/define_procedure'
import { notifyResident } from '#demands/actions/notify_resident'
import { deleteStored } from '#demands/services/uploads'
import { clock } from '#core/clock'
import { procedureTimesOf, requiresFranceConnect } from '#demands/services/procedure_settings'

export class SubmissionRefusedError extends Error {
  constructor(public reasons: string[]) {
    super(`Submission refused: ${reasons.join(', ')}`)
  }
}

/**
 * Turns a complete draft into a submitted demand, in one transaction: its
 * reference, its first state, its due date (from the procedure's processing
 * time in force, an admin setting) and the first line of its timeline. A
 * draft submitted twice (double click, two tabs) is refused the second time;
 * two drafts submitted at once get distinct references. The procedure's
 * `afterSubmit` hook writes in the same transaction.
 */
export default class SubmitDemand {
  /** `withFranceConnect`: the session filing it came from FranceConnect (the demand is marked so). */
  async handle(demandId: number, options: { now?: DateTime; withFranceConnect?: boolean } = {}) {
    const now = options.now ?? clock.now()
    let orphanKeys: string[] = []
    const submitted = await db.transaction(async (trx) => {
      const demand = await lockForUpdate(
        Demand.query({ client: trx }).where('id', demandId),
        trx
      ).firstOrFail()
      if (!demand.isDraft) throw new SubmissionRefusedError(['already_submitted'])
      const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
      if (!procedure) throw new SubmissionRefusedError(['unknown_procedure'])

      if (demand.currentStep < procedure.steps.length)
        throw new SubmissionRefusedError(['incomplete'])
      if (!demand.userId && !demand.applicantEmail && !demand.applicantPhone)
        throw new SubmissionRefusedError(['no_contact'])

      // Answers of questions that no longer apply (the resident changed an
      // earlier answer) are dropped, with their files.
      const answers: Record<string, unknown> = {}
      const keptFileIds = new Set<number>()
      for (const field of allFields(procedure)) {
        if (!(field.name in demand.answers) || !isVisible(field, demand.answers)) continue
        answers[field.name] = demand.answers[field.name]
        if (field.type === 'file')
          for (const id of demand.answers[field.name] as number[]) keptFileIds.add(Number(id))
      }

      const withFranceConnect = options.withFranceConnect === true && !demand.filedByAgentId
      if (
        !demand.filedByAgentId &&
        !withFranceConnect &&
        (await requiresFranceConnect(procedure, trx))
      )
        throw new SubmissionRefusedError(['franceconnect.procedure.required_text'])

      const reasons = (await procedure.hooks?.beforeSubmit?.(answers, { client: trx })) ?? []
      if (reasons.length > 0) throw new SubmissionRefusedError(reasons)

      const workflow = workflowOf(procedure)
      const { slaDays } = await procedureTimesOf(procedure, trx)
      demand.useTransaction(trx)
      const droppedFiles = (
        await DemandFile.query({ client: trx })
          .where('demandId', demand.id)
          .whereNotNull('fieldName')
      ).filter((file) => !keptFileIds.has(file.id))
      await DemandFile.query({ client: trx })
        .whereIn('id', droppedFiles.map((file) => file.id).concat(0))
        .delete()
      orphanKeys = droppedFiles.map((file) => file.storageKey)
      demand.merge({
        answers,
        reference: await nextReference(trx, now),
        state: workflow.initial,
        submittedAt: now,
        dueAt: addWorkingDays(now, slaDays),
        filedWithFranceconnect: withFranceConnect,
      })
      await demand.save()
      const event = await DemandEvent.create(
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
      await procedure.hooks?.afterSubmit?.(
        { id: demand.id, reference: demand.reference!, userId: demand.userId, answers },
        { client: trx }
      )
      await notifyResident(trx, demand, 'submitted', {
        eventId: event.id,
        toState: workflow.initial,
        now,
      })
      return demand
    })
    await deleteStored(orphanKeys)
    return submitted
  }
}
