import { randomUUID } from 'node:crypto'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BusinessEvent, EventSink } from '#jobs/events'
import { enqueue } from '#jobs/enqueue'
import { declaredEvents } from '#api/webhooks/events'
import { newMessageId } from '#api/webhooks/signing'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { iso } from '#api/services/format'

export const DELIVER_JOB = 'deliver_webhook'

/**
 * Writes, in the event's transaction, one delivery per endpoint that wants
 * it (subscribed to its type, its client not revoked, allowed to read the
 * resource and to see the service), and the job that sends it. A disabled
 * endpoint's deliveries are kept `held`: nothing is lost while it is off.
 */
const webhooksSink: EventSink = {
  async publish(event: BusinessEvent, client: TransactionClientContract | QueryClientContract) {
    const declaration = declaredEvents().get(event.type)
    if (!declaration) throw new Error(`The event "${event.type}" is declared by no enabled module`)
    const endpoints = await client
      .from('webhook_endpoints')
      .join('api_clients', 'api_clients.id', 'webhook_endpoints.api_client_id')
      .whereNull('api_clients.revoked_at')
      .select(
        'webhook_endpoints.id',
        'webhook_endpoints.events',
        'webhook_endpoints.enabled',
        'api_clients.scopes',
        'api_clients.services'
      )
      .orderBy('webhook_endpoints.id')
    for (const endpoint of endpoints) {
      if (!JSON.parse(endpoint.events).includes(event.type)) continue
      if (!JSON.parse(endpoint.scopes).includes(`${declaration.resource}:read`)) continue
      if (event.service !== null && !JSON.parse(endpoint.services).includes(event.service)) continue
      const enabled = Boolean(endpoint.enabled)
      const messageId = newMessageId()
      const delivery = await WebhookDelivery.create(
        {
          webhookEndpointId: endpoint.id,
          messageId,
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
      if (enabled) await enqueueDelivery(delivery, client)
    }
  },
}

/**
 * The job that sends a delivery, after the ones already queued for its
 * endpoint (the ordering key keeps an endpoint's deliveries in order, a
 * failing one holding the next until it succeeds or dies). `again`: a replay
 * or a held delivery released, a new job for the same `webhook-id`.
 */
export function enqueueDelivery(
  delivery: WebhookDelivery,
  client: TransactionClientContract | QueryClientContract,
  again?: 'replay' | 'release'
) {
  return enqueue(
    DELIVER_JOB,
    { deliveryId: delivery.id, endpointId: delivery.webhookEndpointId, replay: again === 'replay' },
    {
      client,
      idempotencyKey: again
        ? `webhook:${delivery.messageId}:${randomUUID()}`
        : `webhook:${delivery.messageId}`,
    }
  )
}

export default webhooksSink
