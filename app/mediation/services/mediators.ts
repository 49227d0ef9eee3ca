import Agent from '#accounts/models/agent'
import { agentServiceSlugs } from '#accounts/services/agent_services'

/** The city service of mediators: "Médiation numérique" (a partner counter's agents join it too). */
export const MEDIATION_SERVICE = 'mediation'

/** The active agents a resident may choose as their mediator. */
export function mediators() {
  return Agent.query()
    .where('active', true)
    .whereHas('services', (services) =>
      services.where('slug', MEDIATION_SERVICE).where('active', true)
    )
    .orderBy('lastName')
    .orderBy('firstName')
}

export async function isMediator(agent: Agent) {
  return agent.active && (await agentServiceSlugs(agent)).includes(MEDIATION_SERVICE)
}
