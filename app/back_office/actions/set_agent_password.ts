import Agent from '#accounts/models/agent'
import { passwordFingerprint } from '#accounts/services/signed_links'

/** The agent a password link is for, if the link has not been used yet. */
export async function findAgentForPasswordLink(agentId: number, fingerprint: unknown) {
  const agent = await Agent.find(agentId)
  if (!agent || typeof fingerprint !== 'string' || passwordFingerprint(agent.password) !== fingerprint) return null
  return agent
}

/** Sets the password an invited (or forgetful) agent chose. */
export default class SetAgentPassword {
  async handle(agent: Agent, password: string) {
    agent.password = password
    await agent.save()
  }
}
