import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import WebhookAttempt from '#api/webhooks/models/webhook_attempt'

const DELIVERIES_SHOWN = 50
const ATTEMPTS_SHOWN = 30

/** An endpoint with its client, its latest deliveries and its latest attempts (each with its delivery's webhook-id). */
export async function endpointPage(id: number) {
  const endpoint = await WebhookEndpoint.query().where('id', id).preload('apiClient').firstOrFail()
  const deliveries = await WebhookDelivery.query()
    .where('webhookEndpointId', endpoint.id)
    .orderBy('id', 'desc')
    .limit(DELIVERIES_SHOWN)
  const attempts = await WebhookAttempt.query()
    .join('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.webhook_delivery_id')
    .where('webhook_deliveries.webhook_endpoint_id', endpoint.id)
    .select('webhook_attempts.*', 'webhook_deliveries.message_id as messageId')
    .orderBy('webhook_attempts.id', 'desc')
    .limit(ATTEMPTS_SHOWN)
  return {
    endpoint,
    deliveries,
    attempts: attempts.map((attempt) => ({ attempt, messageId: attempt.$extras.messageId })),
  }
}
