import type { HttpContext } from '@adonisjs/core/http'
import { euros } from '#payments/services/invoice_pdf'
import { agentScope } from '#payments/services/agent_scope'
import {
  invoiceListCsv,
  invoiceListPage,
  paymentListCsv,
  paymentListPage,
} from '#payments/services/agent_lists'
import {
  invoiceListFilters,
  pageKey,
  paymentListFilters,
  SEARCH_MAXLENGTH,
} from '#payments/queries/agent_payments'
import { sendCsv } from '#core/services/csv_download'

/**
 * /agents/paiements: invoices and payments of the agent's services (the
 * finance service sees them all), newest first, page by page (by key), with
 * a search by reference or payer's name and the CSV of the filtered rows.
 * Both lists name people: each page viewed and each export is audited.
 */
export default class AgentPaymentsController {
  async index(ctx: HttpContext) {
    const { agent, scope } = await agentScope(ctx)
    const filters = invoiceListFilters(ctx.request.qs())
    const before = pageKey(ctx.request.input('avant'))
    const page = await invoiceListPage(agent, scope, filters, before)
    return ctx.view.render('payments::agent_index', { ...page, euros, searchMax: SEARCH_MAXLENGTH })
  }

  async exportInvoices(ctx: HttpContext) {
    const { agent, scope } = await agentScope(ctx)
    const filters = invoiceListFilters(ctx.request.qs())
    return sendCsv(ctx, await invoiceListCsv(agent, scope, filters, ctx.i18n))
  }

  async payments(ctx: HttpContext) {
    const { agent, scope } = await agentScope(ctx)
    const filters = paymentListFilters(ctx.request.qs())
    const before = pageKey(ctx.request.input('avant'))
    const page = await paymentListPage(agent, scope, filters, before)
    return ctx.view.render('payments::agent_payments', {
      ...page,
      euros,
      searchMax: SEARCH_MAXLENGTH,
    })
  }

  async exportPayments(ctx: HttpContext) {
    const { agent, scope } = await agentScope(ctx)
    const filters = paymentListFilters(ctx.request.qs())
    return sendCsv(ctx, await paymentListCsv(agent, scope, filters, ctx.i18n))
  }
}
