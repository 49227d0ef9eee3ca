import type Agent from '#accounts/models/agent'
import { endSessionsOf } from '#accounts/services/sessions'

/**
 * "Log out everywhere" for an agent: every session they have open, on any
 * device, ends. `except` keeps the session of the agent asking for
 * themself, which their controller then logs out the ordinary way.
 */
export default class EndAgentSessions {
  async handle(agent: Agent, options: { except?: string } = {}) {
    await endSessionsOf({ agentId: agent.id }, { except: options.except })
  }
}
