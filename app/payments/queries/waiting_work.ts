import { FINANCE_SERVICE } from '#payments/finance_service'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import type { AgentDashboardSource } from '#accounts/agent_dashboard'

/**
 * On /agents: online payments whose result differs from the request, to
 * check by hand, within the agent's services (the finance service sees all,
 * as on /agents/paiements). Shown to other services only when there are some.
 */
const paymentsToCheck: AgentDashboardSource = async ({ serviceSlugs, t }) => {
  const all = serviceSlugs.includes(FINANCE_SERVICE)
  const query = Payment.query().where('status', 'mismatch')
  if (!all)
    query.whereIn('invoiceId', Invoice.query().select('id').whereIn('serviceSlug', serviceSlugs))
  const [row] = await query.count('* as total').pojo<{ total: number | string }>()
  const count = Number(row?.total ?? 0)
  if (!all && count === 0) return []
  return [{ label: t('payments.dashboard.mismatch', { count }), count, href: '/agents/paiements' }]
}

export default paymentsToCheck
