import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { drainNow } from '#api/webhooks/sink'
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
      await drainNow(endpoint.id, trx)
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
      if (deliveries.length > 0) await drainNow(endpoint.id, trx)
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

  async #replay(delivery: WebhookDelivery, trx: TransactionClientContract) {
    delivery.useTransaction(trx)
    delivery.queueAgain(true)
    await delivery.save()
  }
}
