import type { HttpContext } from '@adonisjs/core/http'
import AuditEntry from '#demands/models/audit_entry'
import Demand from '#demands/models/demand'

const PAGE_SIZE = 50
/** Lengths of the filters: a reference, an agent's e-mail (the boxes' maxlength; longer is cut). */
const FILTER_LIMITS = { reference: 40, agent: 254 }

/** /agents/admin/audit: who opened which demand or took which file, newest first; filter by reference or agent e-mail. */
export default class AuditController {
  async index({ view, request }: HttpContext) {
    const reference = String(request.input('reference', ''))
      .trim()
      .toUpperCase()
      .slice(0, FILTER_LIMITS.reference)
    const agentEmail = String(request.input('agent', ''))
      .trim()
      .toLowerCase()
      .slice(0, FILTER_LIMITS.agent)
    const before = Number(request.input('avant')) || null
    const query = AuditEntry.query()
      .preload('agent')
      .preload('demand')
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE + 1)
    if (before) query.where('id', '<', before)
    if (reference) {
      const demand = await Demand.query().where('reference', reference).first()
      query.where('demandId', demand?.id ?? 0)
    }
    if (agentEmail) query.whereHas('agent', (agents) => agents.where('email', agentEmail))
    const rows = await query
    const entries = rows.slice(0, PAGE_SIZE)
    const nextUrl =
      rows.length > PAGE_SIZE
        ? `/agents/admin/audit?${pageQuery(reference, agentEmail, entries[entries.length - 1].id)}`
        : null
    return view.render('back_office::admin/audit', {
      entries,
      reference,
      agentEmail,
      nextUrl,
      filterLimits: FILTER_LIMITS,
    })
  }
}

/** The query string of the next page: the same filters, older entries. */
function pageQuery(reference: string, agentEmail: string, before: number) {
  const params = new URLSearchParams()
  if (reference) params.set('reference', reference)
  if (agentEmail) params.set('agent', agentEmail)
  params.set('avant', String(before))
  return params
}
