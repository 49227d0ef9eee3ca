import { BasePolicy } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'
import { agentServiceSlugs } from '#accounts/services/agent_services'

/**
 * /agents/statistiques: an agent sees the figures of their services, an
 * admin those of every service. An agent of no active service has nothing
 * to count, and gets "not found" like any page that is not theirs.
 */
export default class StatisticsPolicy extends BasePolicy {
  async view(agent: Agent) {
    return agent.isAdmin || (await agentServiceSlugs(agent)).length > 0
  }
}
