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
 * An agent's access as two columns of their row (`access_services`: active
 * service slugs; `access_grants`: `<slug> <permission>` entries; each list
 * separated by commas, which neither slugs nor permissions contain): the
 * agent guard selects them with the agent, so a back-office page reads the
 * agent and their access in one round trip; an agent loaded otherwise reads
 * the same columns alone.
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

function accessFrom(columns: Record<string, unknown> | undefined): AgentAccess {
  const split = (value: unknown) =>
    typeof value === 'string' && value !== '' ? value.split(',') : []
  return {
    // Sorted: the services' own order in the table is not a contract.
    services: split(columns?.access_services).sort(),
    grants: new Set(split(columns?.access_grants)),
  }
}

async function readAccess(agent: Agent): Promise<AgentAccess> {
  return accessFrom(await db.from('agents').where('id', agent.id).select(accessColumns()).first())
}

/** Keeps the access read by `accessColumns` with the agent, for `agentAccess`. */
export function keepAccessRead(agent: Agent) {
  accessCache.set(agent, Promise.resolve(accessFrom(agent.$extras)))
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
