import { BasePolicy } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { counterProcedures } from '#demands/services/filing_catalogue'

/**
 * Counter mode (/agents/demandes/nouvelle): filing a demand for someone
 * received at the desk, on the phone or by mail. It is for the agents who
 * have something to file there — the front desk (accueil), and the services
 * whose procedures can be filed — and so is looking residents up by name,
 * e-mail or phone: the resident directory is no one else's business.
 */
export default class CounterPolicy extends BasePolicy {
  async fileAtCounter(agent: Agent) {
    return counterProcedures(await agentServiceSlugs(agent)).length > 0
  }

  async searchResidents(agent: Agent) {
    return this.fileAtCounter(agent)
  }
}
