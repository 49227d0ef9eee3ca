import type { AgentDashboardSource } from '#accounts/agent_dashboard'
import Registration from '../models/registration.js'
import Quotient from '../models/quotient.js'

const SERVICE = 'enfance'

/** On /agents, for the childhood service: registrations with a place still to accept, and quotients to check. */
const childhoodWaitingWork: AgentDashboardSource = async ({ serviceSlugs, t }) => {
  if (!serviceSlugs.includes(SERVICE)) return []
  const [[registrations], [quotients]] = await Promise.all([
    Registration.query()
      .where('status', 'placed')
      .whereNull('acceptedAt')
      .count('* as total')
      .pojo<{ total: number | string }>(),
    Quotient.query()
      .where('status', 'pending')
      .count('* as total')
      .pojo<{ total: number | string }>(),
  ])
  const toAccept = Number(registrations?.total ?? 0)
  const toCheck = Number(quotients?.total ?? 0)
  return [
    {
      label: t('childhood.dashboard.registrations', { count: toAccept }),
      count: toAccept,
      href: '/agents/enfance',
    },
    {
      label: t('childhood.dashboard.quotients', { count: toCheck }),
      count: toCheck,
      href: '/agents/enfance/quotients',
    },
  ]
}

export default childhoodWaitingWork
