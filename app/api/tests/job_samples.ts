import { createAgent, createService } from '#tests/support/factories/accounts'
import Service from '#accounts/models/service'
import CreateApiClient from '#api/actions/create_api_client'
import CreateWebhookEndpoint from '#api/webhooks/actions/create_webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import PostMessage from '#demands/actions/post_message'
import { submittedDemand } from '#api/tests/support/api'
import { startReceiver } from '#api/tests/support/webhook_receiver'
import { defineJobSamples } from '#tests/support/job_samples'

let receiver: Awaited<ReturnType<typeof startReceiver>>

/** The webhook deliveries, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  async start() {
    receiver = await startReceiver()
    return { stop: () => receiver.close() }
  },
  reset() {
    receiver.received.length = 0
    receiver.answer(() => 200)
  },
  tests: {
    'a business software receives a demand’s message, signed as Standard Webhooks says': async ({
      assert,
      settled,
    }) => {
      if (!(await Service.findBy('slug', 'accueil'))) await createService('accueil', 'Accueil')
      const admin = await createAgent({ role: 'admin' })
      const { client } = await new CreateApiClient().handle(admin, {
        name: 'Logiciel de l’accueil',
        scopes: ['demands:read'],
        services: ['accueil'],
        rateLimit: 60,
      })
      const { secret } = await new CreateWebhookEndpoint().handle(admin, {
        apiClientId: client.id,
        url: receiver.url,
        events: ['demand.message_posted'],
      })
      const demand = await submittedDemand('accueil')
      await new PostMessage().handle({
        demandId: demand.id,
        author: { kind: 'agent', id: admin.id },
        body: 'Bonjour',
      })
      await settled()
      assert.lengthOf(receiver.received, 1)
      const body = receiver.verify(receiver.received[0], secret)
      assert.equal(body.type, 'demand.message_posted')
      assert.equal(body.data.demand_id, demand.id)
      const delivery = await WebhookDelivery.firstOrFail()
      assert.equal(delivery.status, 'delivered')
      assert.equal(receiver.received[0].id, delivery.messageId)
    },
  },
})
