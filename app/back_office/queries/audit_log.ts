import AuditEntry from '#demands/models/audit_entry'
import Demand from '#demands/models/demand'

export const AUDIT_PAGE_SIZE = 50
/** Lengths of the filters: a reference, an agent's e-mail (the boxes' maxlength; longer is cut). */
export const AUDIT_FILTER_LIMITS = { reference: 40, agent: 254 }

export type AuditFilters = { reference: string; agentEmail: string }

/** The filters as typed: a reference in capitals, an e-mail in lower case, each cut to its box's length. */
export function auditFilters(reference: unknown, agent: unknown): AuditFilters {
  return {
    reference: String(reference).trim().toUpperCase().slice(0, AUDIT_FILTER_LIMITS.reference),
    agentEmail: String(agent).trim().toLowerCase().slice(0, AUDIT_FILTER_LIMITS.agent),
  }
}

/** A page of the audit log, newest first, before the id `before` (keyset); whether older entries remain. */
export async function auditPage(filters: AuditFilters, before: number | null) {
  const query = AuditEntry.query()
    .preload('agent')
    .preload('demand')
    .orderBy('id', 'desc')
    .limit(AUDIT_PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  if (filters.reference) {
    const demand = await Demand.query().where('reference', filters.reference).first()
    query.where('demandId', demand?.id ?? 0)
  }
  if (filters.agentEmail)
    query.whereHas('agent', (agents) => agents.where('email', filters.agentEmail))
  const rows = await query
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), more: rows.length > AUDIT_PAGE_SIZE }
}
