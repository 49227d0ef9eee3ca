import type { HttpContext } from '@adonisjs/core/http'
import { keysetBatches, sendCsv } from '#core/services/csv_download'
import { auditExport } from '#accounts/actions/audited_export'
import { recordAudit } from '#accounts/actions/record_audit'
import { agentCan } from '#accounts/abilities'
import School from '../models/school.js'
import { askedMonth } from '../validators/service.js'
import { canteenBatch, canteenFilters, canteenPage } from '../queries/canteen_list.js'
import { filterQuery, LIST_QUERY_MAX } from '../queries/list_filters.js'
import { CANTEEN_HEADER, canteenCells } from '../services/list_csv.js'

/**
 * /agents/enfance/cantine: a month's canteen (meals to bill, absences),
 * searched by child and school, fifty a page by key, exported as CSV; each
 * page of names and each export is written to the audit log. Absences are
 * recorded on each child's record.
 */
export default class CanteenController {
  async index(ctx: HttpContext) {
    const filters = canteenFilters(ctx.request.qs(), askedMonth(ctx.request.input('mois')))
    const { rows, next, issued } = await canteenPage(
      filters,
      Number(ctx.request.input('apres')) || null
    )
    const query = filterQuery(filters)
    const agent = ctx.auth.use('agent').getUserOrFail()
    await recordAudit(agent, 'list.viewed', null, `cantine ${query}`, rows.length)
    return ctx.view.render('childhood::service/canteen', {
      ...{ rows, filters, query, issued, month: filters.mois, maxQuery: LIST_QUERY_MAX },
      schools: await School.query().orderBy('name'),
      mayInvoice: await ctx.bouncer.allows(agentCan, 'childhood.invoicing.run', 'enfance'),
      nextUrl: next ? `/agents/enfance/cantine?${filterQuery({ ...filters, apres: next })}` : null,
    })
  }

  async export(ctx: HttpContext) {
    const filters = canteenFilters(ctx.request.qs(), askedMonth(ctx.request.input('mois')))
    const agent = ctx.auth.use('agent').getUserOrFail()
    return sendCsv(ctx, {
      name: `cantine-${filters.mois}`,
      header: CANTEEN_HEADER,
      batches: keysetBatches(canteenBatch(filters)),
      toCells: canteenCells,
      onDone: await auditExport(agent, 'cantine', filterQuery(filters)),
    })
  }
}
