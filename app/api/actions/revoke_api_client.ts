import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import ApiClient from '#api/models/api_client'
import { clock } from '#core/clock'

/** Revokes a client: its tokens answer 401 from now on. Audited. */
export default class RevokeApiClient {
  async handle(agent: Agent, id: number) {
    await db.transaction(async (trx) => {
      const client = await ApiClient.query({ client: trx }).where('id', id).firstOrFail()
      if (client.revokedAt) return
      client.useTransaction(trx)
      client.revokedAt = clock.now()
      await client.save()
      await recordAudit(agent, 'api_client.revoked', null, client.name, null, trx)
    })
  }
}
