import type Agent from '#accounts/models/agent'

const slugCache = new WeakMap<Agent, string[]>()

/** Slugs of the agent's active services (read once per request). */
export async function agentServiceSlugs(agent: Agent): Promise<string[]> {
  const cached = slugCache.get(agent)
  if (cached) return cached
  if (!agent.$preloaded.services) await agent.load('services')
  const slugs = agent.services.filter((service) => service.active).map((service) => service.slug)
  slugCache.set(agent, slugs)
  return slugs
}
