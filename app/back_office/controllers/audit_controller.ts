import type { HttpContext } from '@adonisjs/core/http'
import {
  auditFilters,
  auditPage,
  AUDIT_FILTER_LIMITS,
  type AuditFilters,
} from '#back_office/queries/audit_log'

/** /agents/admin/audit: who opened which demand or took which file, newest first; filter by reference or agent e-mail. */
export default class AuditController {
  async index({ view, request }: HttpContext) {
    const filters = auditFilters(request.input('reference', ''), request.input('agent', ''))
    const before = Number(request.input('avant')) || null
    const { entries, more } = await auditPage(filters, before)
    const nextUrl = more
      ? `/agents/admin/audit?${pageQuery(filters, entries[entries.length - 1].id)}`
      : null
    return view.render('back_office::admin/audit', {
      entries,
      ...filters,
      nextUrl,
      filterLimits: AUDIT_FILTER_LIMITS,
    })
  }
}

/** The query string of the next page: the same filters, older entries. */
function pageQuery({ reference, agentEmail }: AuditFilters, before: number) {
  const params = new URLSearchParams()
  if (reference) params.set('reference', reference)
  if (agentEmail) params.set('agent', agentEmail)
  params.set('avant', String(before))
  return params
}
