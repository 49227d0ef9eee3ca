import Agent from '#accounts/models/agent'

/** An agent by the id of the URL, with their services (not found otherwise). */
export function findAgentWithServices(id: unknown) {
  return Agent.query()
    .where('id', Number(id) || 0)
    .preload('services')
    .firstOrFail()
}
