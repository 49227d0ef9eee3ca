import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { enqueueDelivery } from '#api/webhooks/sink'
import { dbTimestamp } from '#core/database/dialect'

export class EndpointDisabledError extends Error {}

/**
 * Sends deliveries again, with their own `webhook-id` (the receiver may
 * already have it and drop it): one, or every one of an endpoint since a
 * moment, in their order. The endpoint must be enabled.
 */
export default class ReplayDeliveries {
  async one(agent: Agent, deliveryId: number) {
    return db.transaction(async (trx) => {
      const delivery = await WebhookDelivery.findOrFail(deliveryId, { client: trx })
      const endpoint = await WebhookEndpoint.findOrFail(delivery.webhookEndpointId, { client: trx })
      if (!endpoint.enabled) throw new EndpointDisabledError()
      await this.#replay(delivery, trx)
      await recordAudit(agent, 'webhook.replayed', null, delivery.messageId, null, trx)
      return delivery
    })
  }

  async since(agent: Agent, endpointId: number, since: DateTime) {
    return db.transaction(async (trx) => {
      const endpoint = await WebhookEndpoint.findOrFail(endpointId, { client: trx })
      if (!endpoint.enabled) throw new EndpointDisabledError()
      const deliveries = await WebhookDelivery.query({ client: trx })
        .where('webhookEndpointId', endpoint.id)
        .where('createdAt', '>=', dbTimestamp(since, trx))
        // one still queued leaves anyway
        .whereNot('status', 'pending')
        .orderBy('id')
      for (const delivery of deliveries) await this.#replay(delivery, trx)
      await recordAudit(
        agent,
        'webhook.replayed',
        null,
        `${endpoint.url}: ${deliveries.length}`,
        null,
        trx
      )
      return deliveries.length
    })
  }

  async #replay(delivery: WebhookDelivery, trx: Parameters<typeof enqueueDelivery>[1]) {
    delivery.useTransaction(trx as any)
    delivery.status = 'pending'
    await delivery.save()
    await enqueueDelivery(delivery, trx, 'replay')
  }
}
