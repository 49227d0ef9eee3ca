import Agent from '#accounts/models/agent'
import { findByPasswordLink } from '#accounts/services/signed_links'

/** The agent a password link is for, if the link has not been used yet. */
export function findAgentForPasswordLink(agentId: number, fingerprint: unknown) {
  return findByPasswordLink((id) => Agent.find(id), agentId, fingerprint)
}

/** Sets the password an invited (or forgetful) agent chose. */
export default class SetAgentPassword {
  async handle(agent: Agent, password: string) {
    agent.password = password
    await agent.save()
  }
}
