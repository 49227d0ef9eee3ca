import { BasePolicy } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'
import { agentServiceSlugs } from '#accounts/services/agent_services'

/**
 * Running a resident's data rights for them (a request received by post):
 * the front desk (accueil), which receives such mail, and admins. Each use
 * is audited by the actions.
 */
export default class ResidentDataPolicy extends BasePolicy {
  async handle(agent: Agent) {
    return agent.isAdmin || (await agentServiceSlugs(agent)).includes('accueil')
  }
}
