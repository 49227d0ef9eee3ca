import { randomUUID } from 'node:crypto'
import type { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BusinessEvent, EventSink } from '#jobs/events'
import { enqueue } from '#jobs/enqueue'
import { engineOf } from '#core/database/dialect'
import { declaredEvents } from '#api/webhooks/events'
import { newMessageId } from '#api/webhooks/signing'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { iso } from '#api/services/format'

export const DRAIN_JOB = 'deliver_webhooks'

type Client = TransactionClientContract | QueryClientContract

/**
 * Writes, in the event's transaction, one delivery per endpoint that wants
 * it (subscribed to its type, its client not revoked, allowed to read the
 * resource and to see the service), and makes sure the endpoint's drain job
 * will run after it commits. A disabled endpoint's deliveries are kept
 * `held`: nothing is lost while it is off.
 */
const webhooksSink: EventSink = {
  async publish(event: BusinessEvent, client: Client) {
    const declaration = declaredEvents().get(event.type)
    if (!declaration) throw new Error(`The event "${event.type}" is declared by no enabled module`)
    const query = client
      .from('webhook_endpoints')
      .join('api_clients', 'api_clients.id', 'webhook_endpoints.api_client_id')
      .whereNull('api_clients.revoked_at')
      .select(
        'webhook_endpoints.id',
        'webhook_endpoints.events',
        'webhook_endpoints.enabled',
        'webhook_endpoints.generation',
        'api_clients.scopes',
        'api_clients.services'
      )
      .orderBy('webhook_endpoints.id')
    // Holds the drain job's bump of `generation` until this transaction ends (see drainJobFor).
    if (engineOf(client) === 'postgres') query.forShare('webhook_endpoints')
    const endpoints = await query
    for (const endpoint of endpoints) {
      if (!JSON.parse(endpoint.events).includes(event.type)) continue
      if (!JSON.parse(endpoint.scopes).includes(`${declaration.resource}:read`)) continue
      if (event.service !== null && !JSON.parse(endpoint.services).includes(event.service)) continue
      const enabled = Boolean(endpoint.enabled)
      await WebhookDelivery.create(
        {
          webhookEndpointId: endpoint.id,
          messageId: newMessageId(),
          eventType: event.type,
          payload: JSON.stringify({
            type: event.type,
            timestamp: iso(event.occurredAt),
            data: event.data,
          }),
          status: enabled ? 'pending' : 'held',
          attempts: 0,
        },
        { client }
      )
      if (enabled && !alreadyQueued(client, endpoint.id, endpoint.generation))
        await drainJobFor(endpoint.id, Number(endpoint.generation), client)
    }
  },
}

/* The drain jobs a transaction already wrote: a batch of events in one transaction writes one per endpoint. */
const queuedIn = new WeakMap<object, Set<string>>()

function alreadyQueued(client: Client, endpointId: number, generation: number) {
  if (!client.isTransaction) return false
  let keys = queuedIn.get(client)
  if (!keys) queuedIn.set(client, (keys = new Set()))
  const key = `${endpointId}:${generation}`
  if (keys.has(key)) return true
  keys.add(key)
  return false
}

/**
 * One drain job per endpoint and generation: however many events a
 * transaction or a burst writes, the endpoint gets one job, which sends its
 * pending deliveries in order. The job bumps `generation` before it reads
 * them, and that UPDATE waits for the transactions that read the previous
 * generation (FOR SHARE on PostgreSQL, the single writer on SQLite): either
 * the running job sees this delivery, or this transaction read the new
 * generation and queues the next job.
 */
export function drainJobFor(
  endpointId: number,
  generation: number,
  client: Client,
  options: { runAt?: DateTime; key?: string } = {}
) {
  return enqueue(
    DRAIN_JOB,
    { endpointId },
    {
      client,
      runAt: options.runAt,
      idempotencyKey: `webhooks:${endpointId}:${options.key ?? `g${generation}`}`,
    }
  )
}

/** A drain job for a change an admin made (a replay, an endpoint enabled again): a key of its own. */
export function drainNow(endpointId: number, client: Client) {
  return drainJobFor(endpointId, 0, client, { key: randomUUID() })
}

export default webhooksSink
