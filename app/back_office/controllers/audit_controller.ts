import type { HttpContext } from '@adonisjs/core/http'
import {
  auditActions,
  auditFilters,
  auditFiltersQuery,
  auditPage,
  AUDIT_FILTER_LIMITS,
} from '#back_office/queries/audit_log'
import { exportAudit } from '#back_office/services/admin_exports'

function filtersOf(request: HttpContext['request']) {
  return auditFilters(
    request.input('reference', ''),
    request.input('agent', ''),
    request.input('action', '')
  )
}

/** The list's links, each with the same filters: older entries, the newest, the CSV export. */
function auditListLinks(query: string, before: number | null, lastId: number | null) {
  return {
    nextUrl: lastId ? `/agents/admin/audit?${query ? `${query}&` : ''}avant=${lastId}` : null,
    previousUrl: before ? `/agents/admin/audit${query ? `?${query}` : ''}` : null,
    exportUrl: `/agents/admin/audit/export.csv${query ? `?${query}` : ''}`,
  }
}

/** /agents/admin/audit: who opened which demand or took which file, newest first; filter by reference, agent e-mail or action. */
export default class AuditController {
  async index({ view, request }: HttpContext) {
    const filters = filtersOf(request)
    const before = Number(request.input('avant')) || null
    const { lines, more } = await auditPage(filters, before)
    return view.render('back_office::admin/audit', {
      lines,
      ...filters,
      actions: auditActions(),
      ...auditListLinks(auditFiltersQuery(filters), before, more ? lines.at(-1)!.entry.id : null),
      filterLimits: AUDIT_FILTER_LIMITS,
    })
  }

  /** The entries found as a CSV file; the export itself is written to the log, with its filter and row count. */
  async export(ctx: HttpContext) {
    return exportAudit(ctx, filtersOf(ctx.request))
  }
}
