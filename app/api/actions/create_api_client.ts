import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import ApiClient from '#api/models/api_client'
import { newToken } from '#api/services/tokens'

export interface ApiClientInput {
  name: string
  scopes: string[]
  services: string[]
  rateLimit: number
}

/** Creates a client and its token, audited; the token is returned once and only its hash is kept. */
export default class CreateApiClient {
  async handle(agent: Agent, input: ApiClientInput) {
    const { token, hash, prefix } = newToken()
    const client = await db.transaction(async (trx) => {
      const created = await ApiClient.create(
        { ...input, tokenHash: hash, tokenPrefix: prefix, createdBy: agent.id },
        { client: trx }
      )
      await recordAudit(
        agent,
        'api_client.created',
        null,
        `${created.name} (${input.scopes.join(', ')})`,
        null,
        trx
      )
      return created
    })
    return { client, token }
  }
}
