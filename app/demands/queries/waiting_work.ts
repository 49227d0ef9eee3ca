import db from '@adonisjs/lucid/services/db'
import Demand from '#demands/models/demand'
import { scopeToServices } from '#demands/policies/demand_access'
import type { AgentDashboardSource } from '#accounts/agent_dashboard'
import { WITHDRAWN } from '#workflow/define_workflow'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/** On /agents: the open demands of the agent's services, those assigned to nobody, and those recently withdrawn. */
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
  const withdrawn = await recentlyWithdrawn(serviceSlugs)
  return [
    { label: t('demands.dashboard.open', { count: open }), count: open, href: '/agents/demandes' },
    {
      label: t('demands.dashboard.unassigned', { count: unassigned }),
      count: unassigned,
      href: '/agents/demandes?assignation=nobody',
    },
    // How the service hears that residents withdrew demands: shown only when some did this week.
    ...(withdrawn
      ? [
          {
            label: t('demands.dashboard.withdrawn', { count: withdrawn }),
            count: withdrawn,
            href: `/agents/demandes?statut=${WITHDRAWN}`,
          },
        ]
      : []),
  ]
}

/** Demands of these services their residents withdrew in the last seven days. */
async function recentlyWithdrawn(serviceSlugs: string[]) {
  const [row] = await scopeToServices(Demand.query(), serviceSlugs)
    .where('state', WITHDRAWN)
    .where('closedAt', '>=', dbTimestamp(clock.now().minus({ days: 7 })))
    .count('* as total')
    .pojo<{ total: number | string }>()
  return Number(row?.total ?? 0)
}

export default waitingDemands
