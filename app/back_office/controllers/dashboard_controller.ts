import type { HttpContext } from '@adonisjs/core/http'
import modules from '#core/services/modules'
import { agentDashboardCounts } from '#accounts/agent_dashboard'

/** /agents: where an agent lands after logging in, with the work waiting in their services (agentDashboard). */
export default class DashboardController {
  async show({ view, auth, i18n }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    await agent.load('services', (query) => query.orderBy('name'))
    const serviceSlugs = agent.services
      .filter((service) => service.active)
      .map((service) => service.slug)
    const waiting = await agentDashboardCounts(modules, {
      agentId: agent.id,
      serviceSlugs,
      t: (key, data) => i18n.t(key, data),
    })
    return view.render('back_office::dashboard', { agent, waiting })
  }
}
