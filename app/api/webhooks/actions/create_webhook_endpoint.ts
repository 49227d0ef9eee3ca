import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import ApiClient from '#api/models/api_client'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import { newSecret } from '#api/webhooks/signing'

/** Subscribes an endpoint of a client to events; its secret is returned for the page that follows. Audited. */
export default class CreateWebhookEndpoint {
  async handle(agent: Agent, input: { apiClientId: number; url: string; events: string[] }) {
    const secret = newSecret()
    const endpoint = await db.transaction(async (trx) => {
      const client = await ApiClient.query({ client: trx })
        .where('id', input.apiClientId)
        .whereNull('revokedAt')
        .firstOrFail()
      const created = await WebhookEndpoint.create(
        {
          apiClientId: client.id,
          url: input.url,
          events: input.events,
          secret: WebhookEndpoint.seal(secret),
          enabled: true,
        },
        { client: trx }
      )
      await recordAudit(
        agent,
        'webhook.created',
        null,
        `${client.name}: ${input.url} (${input.events.join(', ')})`,
        null,
        trx
      )
      return created
    })
    return { endpoint, secret }
  }
}
