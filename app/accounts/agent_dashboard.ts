import type { ModuleRegistry } from '#core/modules/registry'
import type { Translate } from '#accounts/resident_space'

/**
 * The `agentDashboard` extension point: the work waiting for an agent, as
 * counts with links on /agents. Agents and their services belong to
 * accounts, so it is declared here and the modules above fill it; each
 * contribution counts only within the services it is given (the agent's
 * own), and a disabled brick's contributions are left out.
 */
declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /** counts of waiting work shown on the agents' home */
    agentDashboard?: AgentDashboardContribution[]
  }
}

export interface AgentDashboardContribution {
  counts: () => Promise<{ default: AgentDashboardSource }>
}

export interface AgentDashboardContext {
  agentId: number
  /** the agent's active services (slugs): nothing outside them is counted */
  serviceSlugs: string[]
  t: Translate
}

export interface AgentDashboardCount {
  /** what is counted, already translated, with the count in it ("3 demandes ouvertes") */
  label: string
  count: number
  href: string
}

export type AgentDashboardSource = (
  context: AgentDashboardContext
) => Promise<AgentDashboardCount[]>

/** The counts of the enabled modules, in layer order. An agent with no service sees none. */
export async function agentDashboardCounts(
  registry: ModuleRegistry,
  context: AgentDashboardContext
) {
  if (context.serviceSlugs.length === 0) return []
  const contributions = registry.collect('agentDashboard')
  const counts = await Promise.all(
    contributions.map(async ({ item }) => (await item.counts()).default(context))
  )
  return counts.flat()
}
