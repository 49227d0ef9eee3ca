import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { joinedValues } from '#core/database/dialect'

/** What an agent belongs to and holds, as one request needs it. */
export interface AgentAccess {
  /** slugs of the agent's active services */
  services: string[]
  /** `<service slug> <permission>`, every stored grant (enabled modules or not) */
  grants: Set<string>
}

const accessCache = new WeakMap<Agent, Promise<AgentAccess>>()

/*
 * The agent's services and grants in one query (every back-office page needs
 * the services, and most the grants for the navigation): two round trips and
 * a Lucid hydration of Service models less per page than `load('services')`
 * then a grants query.
 */
async function readAccess(agent: Agent): Promise<AgentAccess> {
  const rows: { slug: string; permission: string | null }[] = await db
    .from('agent_services')
    .join('services', 'services.id', 'agent_services.service_id')
    .where('agent_services.agent_id', agent.id)
    .where('services.active', true)
    .select('services.slug', db.raw('null as permission'))
    .unionAll((grants) =>
      grants
        .from('agent_permissions')
        .join('services', 'services.id', 'agent_permissions.service_id')
        .where('agent_permissions.agent_id', agent.id)
        .select('services.slug', 'agent_permissions.permission')
    )
  const services: string[] = []
  const grants = new Set<string>()
  for (const row of rows) {
    if (row.permission === null) services.push(row.slug)
    else grants.add(`${row.slug} ${row.permission}`)
  }
  // The order `load('services')` gave: the services' own order in the table is not a contract.
  return { services: services.sort(), grants }
}

/*
 * The same access as two columns of the agent's own row (`access_services`:
 * active service slugs; `access_grants`: `<slug> <permission>` entries; each
 * list separated by commas, which neither slugs nor permissions contain), so
 * that the request that loads a logged-in agent reads their access in the
 * same round trip: one query less on every back-office page.
 */
export function accessColumns() {
  const client = db.connection()
  const services = db
    .from('agent_services')
    .join('services', 'services.id', 'agent_services.service_id')
    .whereColumn('agent_services.agent_id', 'agents.id')
    .where('services.active', true)
    .select(db.raw(joinedValues('services.slug', ',', client)))
  const grants = db
    .from('agent_permissions')
    .join('services', 'services.id', 'agent_permissions.service_id')
    .whereColumn('agent_permissions.agent_id', 'agents.id')
    .select(
      db.raw(joinedValues("services.slug || ' ' || agent_permissions.permission", ',', client))
    )
  return [services.as('access_services'), grants.as('access_grants')]
}

/** Keeps the access read by `accessColumns` with the agent, for `agentAccess`. */
export function keepAccessRead(agent: Agent) {
  const split = (value: unknown) =>
    typeof value === 'string' && value !== '' ? value.split(',') : []
  accessCache.set(
    agent,
    Promise.resolve({
      services: split(agent.$extras.access_services).sort(),
      grants: new Set(split(agent.$extras.access_grants)),
    })
  )
}

/** The agent's services and grants, read once per loaded agent (an agent is loaded once per request). */
export function agentAccess(agent: Agent): Promise<AgentAccess> {
  let access = accessCache.get(agent)
  if (!access) {
    access = readAccess(agent)
    accessCache.set(agent, access)
  }
  return access
}

/** Slugs of the agent's active services (read once per request). */
export async function agentServiceSlugs(agent: Agent): Promise<string[]> {
  if (agent.$preloaded.services) {
    return agent.services.filter((service) => service.active).map((service) => service.slug)
  }
  return (await agentAccess(agent)).services
}
