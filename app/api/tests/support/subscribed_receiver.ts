import CreateApiClient from '#api/actions/create_api_client'
import CreateWebhookEndpoint from '#api/webhooks/actions/create_webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { startReceiver } from '#api/tests/support/webhook_receiver'
import { Worker } from '#jobs/worker'
import { createAgent } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'

/**
 * A business software's client (these scopes, these services) with a
 * webhook endpoint on a loopback receiver, subscribed to `events`. `events()`
 * delivers what is pending and returns the bodies the receiver got, each
 * verified with the `standardwebhooks` package.
 */
export async function subscribedReceiver(
  name: string,
  options: { events: string[]; scopes: string[]; services: string[] }
) {
  const admin = await createAgent({ role: 'admin' })
  const { client, token } = await new CreateApiClient().handle(admin, {
    name,
    scopes: options.scopes,
    services: options.services,
    rateLimit: 1000,
  })
  const receiver = await startReceiver()
  const { endpoint, secret } = await new CreateWebhookEndpoint().handle(admin, {
    apiClientId: client.id,
    url: receiver.url,
    events: options.events,
  })
  return {
    client,
    token,
    endpoint,
    receiver,
    async events() {
      await deliverPending()
      return receiver.received.map((request) => receiver.verify(request, secret))
    },
    close: () => receiver.close(),
  }
}

/** Runs the webhooks queue as `jobs:work` would until nothing is pending. */
export async function deliverPending() {
  const worker = new Worker({ queues: ['webhooks'] })
  for (let round = 0; round < 5; round++) {
    while ((await worker.runOnce(clock.now(), 'webhooks')) > 0);
    const waiting = await WebhookDelivery.query().where('status', 'pending').count('* as total')
    if (Number(waiting[0].$extras.total) === 0) return
  }
}

/** ISO 8601 with an offset, as every date of an event. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/
