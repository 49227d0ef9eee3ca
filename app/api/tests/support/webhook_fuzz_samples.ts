import type Agent from '#accounts/models/agent'
import CreateWebhookEndpoint from '#api/webhooks/actions/create_webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { newMessageId } from '#api/webhooks/signing'

/** An endpoint (never called: the fuzzer runs no worker) and a delivery of it, for /agents/admin/connecteurs. */
export async function webhookFuzzSamples(admin: Agent, apiClientId: number) {
  const { endpoint } = await new CreateWebhookEndpoint().handle(admin, {
    apiClientId,
    url: 'http://127.0.0.1:9/fuzz',
    events: ['demand.message_posted'],
  })
  const delivery = await WebhookDelivery.create({
    webhookEndpointId: endpoint.id,
    messageId: newMessageId(),
    eventType: 'demand.message_posted',
    payload: '{"type":"demand.message_posted","timestamp":null,"data":{}}',
    status: 'delivered',
    attempts: 1,
  })
  const who = 'agent' as const
  return {
    '/agents/admin/connecteurs/webhooks/:id': [{ params: { id: endpoint.id }, who }],
    '/agents/admin/connecteurs/webhooks/:id/secret': [{ params: { id: endpoint.id }, who }],
    '/agents/admin/connecteurs/webhooks/:id/activation': [{ params: { id: endpoint.id }, who }],
    '/agents/admin/connecteurs/webhooks/:id/rejeu': [{ params: { id: endpoint.id }, who }],
    '/agents/admin/connecteurs/livraisons/:id/rejeu': [{ params: { id: delivery.id }, who }],
  }
}
