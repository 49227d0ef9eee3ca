import type Agent from '#accounts/models/agent'
import AgentSecondFactor from '#accounts/models/agent_second_factor'
import { newBrowserKey, newTotpSecret } from '#accounts/services/second_factor'

/**
 * The authenticator an agent is enrolling: the one waiting for its first
 * code, so that opening the page again shows the QR code already scanned,
 * or a new one. Null when the agent already has a confirmed one (only an
 * admin's reset removes it: nobody replaces a factor by knowing the password).
 */
export default class StartSecondFactorEnrolment {
  async handle(agent: Agent): Promise<AgentSecondFactor | null> {
    const existing = await AgentSecondFactor.findBy('agentId', agent.id)
    if (existing?.isConfirmed) return null
    if (existing?.secret) return existing
    // An enrolment begun with a secret that no longer decrypts (APP_KEY changed) starts again.
    if (existing) await existing.delete()
    try {
      return await AgentSecondFactor.create({
        agentId: agent.id,
        secret: newTotpSecret(),
        confirmedAt: null,
        lastUsedStep: null,
        browserKey: newBrowserKey(),
      })
    } catch (error) {
      // The page opened twice at once: the other request created it (one per agent, unique).
      const raced = await AgentSecondFactor.findBy('agentId', agent.id)
      if (!raced) throw error
      return raced.isConfirmed ? null : raced
    }
  }
}
