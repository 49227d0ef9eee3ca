import db from '@adonisjs/lucid/services/db'
import Agent from '#accounts/models/agent'
import { findByPasswordLink } from '#accounts/services/signed_links'
import { endSessionsOf } from '#accounts/services/sessions'

/** The agent a password link is for, if the link has not been used yet. */
export function findAgentForPasswordLink(agentId: number, fingerprint: unknown) {
  return findByPasswordLink((id) => Agent.find(id), agentId, fingerprint)
}

/**
 * Sets the password an invited (or forgetful) agent chose, and ends every
 * session opened with the old one.
 */
export default class SetAgentPassword {
  async handle(agent: Agent, password: string) {
    await db.transaction(async (trx) => {
      agent.useTransaction(trx)
      agent.password = password
      await agent.save()
      await endSessionsOf({ agentId: agent.id }, { client: trx })
    })
  }
}
