import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import AuditEntry from '#accounts/models/audit_entry'
import { lockForUpdate } from '#core/database/dialect'
import { clock } from '#core/clock'

export class TransferRefusedError extends Error {
  constructor(public reason: 'same_service' | 'unknown_service' | 'closed') {
    super(`Transfer refused: ${reason}`)
  }
}

/** The active services a demand of `currentSlug` may be sent to. */
export function transferTargets(currentSlug: string) {
  return Service.query().where('active', true).whereNot('slug', currentSlug).orderBy('name')
}

/**
 * An agent sends a demand to another service, in one transaction: the new
 * service, nobody assigned (the other service decides who takes it), a
 * timeline line the resident reads as "transmise au service X", the agent's
 * comment as an internal note (it is a handover between colleagues, who may
 * write what the resident should not read), and an audit entry.
 */
export default class TransferDemand {
  async handle(demandId: number, request: { service: string; transferComment: string }, by: Agent) {
    const target = await Service.query()
      .where('active', true)
      .where('slug', request.service)
      .first()
    if (!target) throw new TransferRefusedError('unknown_service')
    return db.transaction(async (trx) => {
      const demand = await lockForUpdate(
        Demand.query({ client: trx }).where('id', demandId),
        trx
      ).firstOrFail()
      if (demand.closedAt || demand.isDraft) throw new TransferRefusedError('closed')
      if (demand.serviceSlug === target.slug) throw new TransferRefusedError('same_service')
      const from = demand.serviceSlug
      const now = clock.now()
      demand.useTransaction(trx)
      demand.serviceSlug = target.slug
      demand.assigneeId = null
      await demand.save()
      const event = { demandId, actorType: 'agent' as const, actorId: by.id, createdAt: now }
      await DemandEvent.createMany(
        [
          { ...event, kind: 'transfer', body: target.slug, visibleToResident: true },
          {
            ...event,
            kind: 'note',
            body: request.transferComment.trim(),
            visibleToResident: false,
          },
        ],
        { client: trx }
      )
      await AuditEntry.create(
        {
          agentId: by.id,
          demandId,
          action: 'demand.transferred',
          detail: `${demand.reference ?? demandId}: ${from} → ${target.slug}`,
        },
        { client: trx }
      )
      return { demand, target }
    })
  }
}
