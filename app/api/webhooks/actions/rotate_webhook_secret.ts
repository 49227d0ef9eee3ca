import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import { newSecret } from '#api/webhooks/signing'
import { clock } from '#core/clock'

/** The previous secret keeps signing (a second signature) for this long, so the receiver switches without a gap. */
export const SECRET_OVERLAP_HOURS = 24

export default class RotateWebhookSecret {
  async handle(agent: Agent, id: number) {
    const secret = newSecret()
    const endpoint = await db.transaction(async (trx) => {
      const found = await WebhookEndpoint.findOrFail(id, { client: trx })
      found.useTransaction(trx)
      found.previousSecret = found.secret
      found.previousSecretExpiresAt = clock.now().plus({ hours: SECRET_OVERLAP_HOURS })
      found.secret = WebhookEndpoint.seal(secret)
      await found.save()
      await recordAudit(agent, 'webhook.secret_rotated', null, found.url, null, trx)
      return found
    })
    return { endpoint, secret }
  }
}
