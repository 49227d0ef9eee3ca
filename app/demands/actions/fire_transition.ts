import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import DemandFile from '#demands/models/demand_file'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { planTransition, type Actor } from '#workflow/define_workflow'
import { lockForUpdate } from '#core/database/dialect'
import { addWorkingDays } from '#core/services/french_calendar'
import { enqueue } from '#jobs/enqueue'
import { notifyResident } from '#demands/actions/notify_resident'
import { storeUpload, deleteStored, type CheckedUpload } from '#demands/services/uploads'
import { clock } from '#core/clock'

export class StaleDemandError extends Error {
  constructor() {
    super('The demand changed since the page was shown')
  }
}

export interface TransitionRequest {
  demandId: number
  transition: string
  actor: Actor
  actorId: number | null
  /** a business software fired it through the API: its name, on the timeline */
  software?: string
  comment?: string | null
  /** the state the page showed: refused if the demand moved meanwhile (two agents, two tabs) */
  expectedState?: string
  attachments?: CheckedUpload[]
  now?: DateTime
  /** more writes that belong to the same change (an audit entry), in its transaction */
  alongside?: (trx: TransactionClientContract, demand: Demand, event: DemandEvent) => Promise<void>
}

/** Working days between two moments (the days an SLA clock was paused). */
function workingDaysBetween(from: DateTime, to: DateTime) {
  let days = 0
  while (addWorkingDays(from, days + 1) <= to) days++
  return days
}

/**
 * Moves a demand along its workflow in one transaction: the new state, the
 * timeline line (with the comment and any attachments), the SLA clock, the
 * resident's notification and the connector jobs the transition names.
 */
export default class FireTransition {
  async handle(request: TransitionRequest) {
    const now = request.now ?? clock.now()
    const stored: { upload: CheckedUpload; row: Awaited<ReturnType<typeof storeUpload>> }[] = []
    try {
      for (const upload of request.attachments ?? [])
        stored.push({ upload, row: await storeUpload(request.demandId, upload) })
      return await db.transaction(async (trx) => {
        const demand = await lockForUpdate(
          Demand.query({ client: trx }).where('id', request.demandId),
          trx
        ).firstOrFail()
        if (demand.isDraft) throw new StaleDemandError()
        if (request.expectedState && request.expectedState !== demand.state)
          throw new StaleDemandError()
        const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)!
        const workflow = workflowOf(procedure)
        const comment = request.comment?.trim() || null
        const plan = planTransition(
          workflow,
          demand.state,
          request.transition,
          request.actor,
          comment
        )
        const from = demand.state
        const visibleComment = plan.transition.commentVisibleToResident ? comment : null

        const event = await DemandEvent.create(
          {
            demandId: demand.id,
            kind: 'transition',
            actorType: request.software
              ? 'software'
              : request.actor.kind === 'resident'
                ? 'resident'
                : request.actor.kind === 'system'
                  ? 'system'
                  : 'agent',
            actorId: request.actorId,
            actorName: request.software ?? null,
            fromState: from,
            toState: plan.to.key,
            transition: plan.transition.key,
            body: visibleComment,
            visibleToResident: true,
            createdAt: now,
          },
          { client: trx }
        )
        if (comment && !visibleComment) {
          await DemandEvent.create(
            {
              demandId: demand.id,
              kind: 'note',
              actorType: request.software ? 'software' : 'agent',
              actorId: request.actorId,
              actorName: request.software ?? null,
              body: comment,
              visibleToResident: false,
              createdAt: now,
            },
            { client: trx }
          )
        }
        for (const { row } of stored) {
          await DemandFile.create(
            {
              ...row,
              demandId: demand.id,
              eventId: event.id,
              uploadedBy: request.actor.kind === 'resident' ? 'resident' : 'agent',
            },
            { client: trx }
          )
        }

        demand.useTransaction(trx)
        demand.state = plan.to.key
        const sla = plan.effects.sla
        if (sla === 'start' && demand.dueAt) {
          // The clock resumes: the deadline moves by the working days it was paused.
          const paused = await DemandEvent.query({ client: trx })
            .where('demandId', demand.id)
            .where('toState', from)
            .where('kind', 'transition')
            .orderBy('id', 'desc')
            .first()
          if (paused)
            demand.dueAt = addWorkingDays(demand.dueAt, workingDaysBetween(paused.createdAt, now))
        }
        if (plan.to.closed) demand.closedAt = now
        else if (demand.closedAt) demand.closedAt = null
        await demand.save()

        if (plan.effects.notifyResident) {
          const kind =
            plan.to.key === 'needs_information' ? 'information_requested' : 'status_changed'
          await notifyResident(trx, demand, kind, { eventId: event.id, toState: plan.to.key, now })
        }
        for (const job of plan.effects.jobs ?? []) {
          await enqueue(
            job,
            { demandId: demand.id, transition: plan.transition.key, eventId: event.id },
            { client: trx, idempotencyKey: `${job}:${event.id}` }
          )
        }
        await request.alongside?.(trx, demand, event)
        return { demand, event }
      })
    } catch (error) {
      await deleteStored(stored.map((entry) => entry.row.storageKey))
      throw error
    }
  }
}
