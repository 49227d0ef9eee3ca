import db from '@adonisjs/lucid/services/db'
import Demand from '#demands/models/demand'
import { scopeToServices } from '#demands/policies/demand_access'
import type { AgentDashboardSource } from '#accounts/agent_dashboard'

/** On /agents: the open demands of the agent's services, and those assigned to nobody. */
const waitingDemands: AgentDashboardSource = async ({ serviceSlugs, t }) => {
  const [row] = await scopeToServices(Demand.query(), serviceSlugs)
    .whereNull('closedAt')
    .select(
      db.raw('count(*) as open'),
      db.raw('count(case when assignee_id is null then 1 end) as unassigned')
    )
    .pojo<{ open: number | string; unassigned: number | string }>()
  const open = Number(row?.open ?? 0)
  const unassigned = Number(row?.unassigned ?? 0)
  return [
    { label: t('demands.dashboard.open', { count: open }), count: open, href: '/agents/demandes' },
    {
      label: t('demands.dashboard.unassigned', { count: unassigned }),
      count: unassigned,
      href: '/agents/demandes?assignation=nobody',
    },
  ]
}

export default waitingDemands
