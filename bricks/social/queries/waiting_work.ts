import type { AgentDashboardSource } from '#accounts/agent_dashboard'
import { clock } from '#core/clock'
import Alert from '../models/alert.js'
import RegisterEntry from '../models/register_entry.js'
import { alertCounts } from './call_lists.js'

const SERVICE = 'solidarites'

/**
 * On /agents, for the social service: the calls still to make today in
 * each alert under way, and the registrations of the register still to
 * check (no agent has placed them in a sector yet).
 */
const registerWaitingWork: AgentDashboardSource = async ({ serviceSlugs, t }) => {
  if (!serviceSlugs.includes(SERVICE)) return []
  const today = clock.today()
  const [alerts, [unchecked]] = await Promise.all([
    Alert.query().where('startsOn', '<=', today).where('endsOn', '>=', today).orderBy('id'),
    RegisterEntry.query()
      .whereNull('checkedAt')
      .count('* as total')
      .pojo<{ total: number | string }>(),
  ])
  const counts = []
  for (const alert of alerts) {
    const { toCall, visits } = await alertCounts(alert, today)
    counts.push({
      label: t('social.alerts.dashboard.calls', {
        count: toCall,
        kind: t(`social.alerts.kinds.${alert.kind}`),
      }),
      count: toCall,
      href: `/agents/solidarites/alertes/${alert.id}`,
    })
    counts.push({
      label: t('social.alerts.dashboard.visits', { count: visits }),
      count: visits,
      href: `/agents/solidarites/alertes/${alert.id}#visites`,
    })
  }
  const toCheck = Number(unchecked?.total ?? 0)
  counts.push({
    label: t('social.register.dashboard.to_check', { count: toCheck }),
    count: toCheck,
    href: '/agents/solidarites/registre?a_verifier=1',
  })
  return counts
}

export default registerWaitingWork
