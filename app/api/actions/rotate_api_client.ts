import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import ApiClient from '#api/models/api_client'
import { newToken } from '#api/services/tokens'
import { clock } from '#core/clock'

/** How long the replaced token keeps working, so the software can switch without a gap. */
export const ROTATION_OVERLAP_HOURS = 24

/** Gives the client a new token; the previous one works for the overlap. Audited. */
export default class RotateApiClient {
  async handle(agent: Agent, id: number) {
    const { token, hash, prefix } = newToken()
    const client = await db.transaction(async (trx) => {
      const found = await ApiClient.query({ client: trx })
        .where('id', id)
        .whereNull('revokedAt')
        .firstOrFail()
      found.useTransaction(trx)
      found.previousTokenHash = found.tokenHash
      found.previousTokenExpiresAt = clock.now().plus({ hours: ROTATION_OVERLAP_HOURS })
      found.tokenHash = hash
      found.tokenPrefix = prefix
      await found.save()
      await recordAudit(agent, 'api_client.rotated', null, found.name, null, trx)
      return found
    })
    return { client, token }
  }
}
