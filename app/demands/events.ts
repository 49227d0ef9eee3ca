import type DemandEvent from '#demands/models/demand_event'
import { publishEvent } from '#jobs/events'

/**
 * The business events of the demands engine, told to whoever carries events
 * out (the webhooks of /api/v1 declare them): each line of a demand's
 * timeline that a business software cares about, published in the
 * transaction that writes it. Internal notes, and transfers, stay inside.
 */
const TYPES: Partial<Record<DemandEvent['kind'], string>> = {
  submitted: 'demand.submitted',
  transition: 'demand.transitioned',
  message: 'demand.message_posted',
  assignment: 'demand.assigned',
}

export async function publishDemandEvent(event: DemandEvent) {
  const type = TYPES[event.kind]
  if (!type) return
  const client = event.$trx ?? undefined
  const { default: Demand } = await import('#demands/models/demand')
  const demand = await Demand.query(client ? { client } : {})
    .where('id', event.demandId)
    .select('id', 'reference', 'procedureKey', 'serviceSlug')
    .first()
  if (!demand) return
  const data: Record<string, unknown> = {
    demand_id: demand.id,
    reference: demand.reference,
    procedure: demand.procedureKey,
    service: demand.serviceSlug,
    event_id: event.id,
    actor: event.actorType,
  }
  if (event.kind === 'transition')
    Object.assign(data, { transition: event.transition, from: event.fromState, to: event.toState })
  await publishEvent(
    { type, service: demand.serviceSlug, occurredAt: event.createdAt, data },
    client
  )
}
