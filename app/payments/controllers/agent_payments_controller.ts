import { FINANCE_SERVICE } from '#payments/finance_service'
import type { HttpContext } from '@adonisjs/core/http'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { euros } from '#payments/services/invoice_pdf'
import { agentInvoices, flaggedPayments, invoiceFilter } from '#payments/queries/agent_payments'

/**
 * /agents/paiements: invoices and payments of the agent's services (the
 * finance service sees them all): unpaid and overdue lists, and payments an
 * agent must look at (amount or reference not matching).
 */
export default class AgentPaymentsController {
  async index({ view, auth, request }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    const slugs = await agentServiceSlugs(agent)
    const scope = { all: slugs.includes(FINANCE_SERVICE), slugs }
    const filter = invoiceFilter(request.input('filtre'))
    const invoices = await agentInvoices(scope, filter)
    return view.render('payments::agent_index', {
      invoices,
      flagged: await flaggedPayments(scope),
      filter,
      euros,
    })
  }
}
