import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { drainNow } from '#api/webhooks/sink'

/**
 * Enables an endpoint again (after a 410 or by hand): the deliveries held
 * while it was off leave, in the order of their events.
 */
export default class EnableWebhookEndpoint {
  async handle(agent: Agent, id: number) {
    return db.transaction(async (trx) => {
      const endpoint = await WebhookEndpoint.findOrFail(id, { client: trx })
      if (endpoint.enabled) return 0
      endpoint.useTransaction(trx)
      endpoint.enabled = true
      endpoint.disabledReason = null
      endpoint.disabledAt = null
      await endpoint.save()
      const held = await WebhookDelivery.query({ client: trx })
        .where('webhookEndpointId', endpoint.id)
        .where('status', 'held')
        .orderBy('id')
      for (const delivery of held) {
        delivery.useTransaction(trx)
        delivery.queueAgain(false)
        await delivery.save()
      }
      if (held.length > 0) await drainNow(endpoint.id, trx)
      await recordAudit(agent, 'webhook.enabled', null, endpoint.url, null, trx)
      return held.length
    })
  }
}
