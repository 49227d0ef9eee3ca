import type { HttpContext } from '@adonisjs/core/http'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { euros } from '#payments/services/invoice_pdf'
import { clock } from '#core/clock'

export const FINANCE_SERVICE = 'finances'

/**
 * /agents/paiements: invoices and payments of the agent's services (the
 * finance service sees them all): unpaid and overdue lists, and payments an
 * agent must look at (amount or reference not matching).
 */
export default class AgentPaymentsController {
  async index({ view, auth, request }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    const slugs = await agentServiceSlugs(agent)
    const all = slugs.includes(FINANCE_SERVICE)
    const filter = ['unpaid', 'overdue', 'all'].includes(request.input('filtre'))
      ? request.input('filtre')
      : 'unpaid'
    const query = Invoice.query().orderBy('dueOn').orderBy('id').limit(200)
    if (!all) query.whereIn('serviceSlug', slugs.length ? slugs : ['-'])
    if (filter !== 'all') query.whereIn('status', ['issued', 'partly_paid'])
    if (filter === 'overdue') query.where('dueOn', '<', clock.today())
    const invoices = await query
    const flaggedQuery = Payment.query()
      .where('status', 'mismatch')
      .orderBy('id', 'desc')
      .limit(100)
    if (!all)
      flaggedQuery.whereIn(
        'invoiceId',
        Invoice.query()
          .select('id')
          .whereIn('serviceSlug', slugs.length ? slugs : ['-'])
      )
    return view.render('payments::agent_index', {
      invoices,
      flagged: await flaggedQuery,
      filter,
      euros,
    })
  }
}
