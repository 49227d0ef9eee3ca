import type { HttpContext } from '@adonisjs/core/http'
import { agentScope } from '#payments/services/agent_scope'
import { accountingPeriodValidator } from '#payments/validators/corrections'
import { accountingCsv } from '#payments/services/accounting_csv'
import { sendCsv } from '#core/services/csv_download'
import { clock } from '#core/clock'

/**
 * /agents/paiements/comptabilite: the payments received or the invoices
 * issued over a period, as CSV for the finance software (French spreadsheet
 * format), within the agent's services; each export is audited with its
 * row count.
 */
export default class AccountingExportController {
  async form({ view }: HttpContext) {
    const today = clock.local()
    return view.render('payments::accounting', {
      from: today.minus({ months: 1 }).startOf('month').toISODate(),
      to: today.minus({ months: 1 }).endOf('month').toISODate(),
    })
  }

  async download(ctx: HttpContext) {
    const { agent, scope } = await agentScope(ctx)
    const input = await ctx.request.validateUsing(accountingPeriodValidator, {
      data: ctx.request.qs(),
    })
    return sendCsv(ctx, await accountingCsv(agent, scope, input, ctx.i18n))
  }
}
