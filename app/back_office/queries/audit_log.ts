import i18nManager from '@adonisjs/i18n/services/main'
import AuditEntry from '#accounts/models/audit_entry'
import Demand from '#demands/models/demand'

export const AUDIT_PAGE_SIZE = 50
/** Lengths of the filters: a reference, an agent's e-mail (the boxes' maxlength; longer is cut). */
export const AUDIT_FILTER_LIMITS = { reference: 40, agent: 254 }

export type AuditFilters = { reference: string; agentEmail: string; action: string }

const ACTION_LABELS = 'back_office.audit.actions.'

/**
 * The actions one may filter on: every action the log names (each has its
 * label under back_office.audit.actions, which the page shows), so an action
 * a module adds is offered as soon as it is labelled.
 */
export function auditActions() {
  return Object.keys(i18nManager.getTranslationsFor(i18nManager.defaultLocale))
    .filter((key) => key.startsWith(ACTION_LABELS))
    .map((key) => key.slice(ACTION_LABELS.length))
    .sort()
}

/** The filters as typed: a reference in capitals, an e-mail in lower case, each cut to its box's length; an unknown action is ignored. */
export function auditFilters(
  reference: unknown,
  agent: unknown,
  action: unknown = ''
): AuditFilters {
  return {
    reference: String(reference).trim().toUpperCase().slice(0, AUDIT_FILTER_LIMITS.reference),
    agentEmail: String(agent).trim().toLowerCase().slice(0, AUDIT_FILTER_LIMITS.agent),
    action: auditActions().includes(String(action)) ? String(action) : '',
  }
}

/** The filters as a query string (the next page, the export). */
export function auditFiltersQuery({ reference, agentEmail, action }: AuditFilters) {
  const params = new URLSearchParams()
  if (reference) params.set('reference', reference)
  if (agentEmail) params.set('agent', agentEmail)
  if (action) params.set('action', action)
  return params.toString()
}

/** The demand a searched reference names (0: none, so nothing matches), or null when none is searched. */
async function referencedDemand(filters: AuditFilters) {
  if (!filters.reference) return null
  const demand = await Demand.query().where('reference', filters.reference).first()
  return demand?.id ?? 0
}

/* A query builder is a promise: built by a plain function, so that callers can still add to it. */
function filtered(filters: AuditFilters, demandId: number | null) {
  const query = AuditEntry.query().preload('agent')
  if (demandId !== null) query.where('demandId', demandId)
  if (filters.agentEmail)
    query.whereHas('agent', (agents) => agents.where('email', filters.agentEmail))
  if (filters.action) query.where('action', filters.action)
  return query
}

/** An entry of the log with the reference of the demand it concerns, if any. */
export interface AuditLine {
  entry: AuditEntry
  reference: string | null
}

/** The references of the entries' demands, in one query. */
async function withReferences(entries: AuditEntry[]): Promise<AuditLine[]> {
  const ids = [...new Set(entries.map((entry) => entry.demandId).filter((id) => id !== null))]
  const references = new Map<number, string | null>(
    ids.length
      ? (await Demand.query().whereIn('id', ids).select('id', 'reference')).map((demand) => [
          demand.id,
          demand.reference,
        ])
      : []
  )
  return entries.map((entry) => ({
    entry,
    reference: entry.demandId === null ? null : (references.get(entry.demandId) ?? null),
  }))
}

/** A page of the audit log, newest first, before the id `before` (keyset); whether older entries remain. */
export async function auditPage(filters: AuditFilters, before: number | null) {
  const query = filtered(filters, await referencedDemand(filters))
    .orderBy('id', 'desc')
    .limit(AUDIT_PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return {
    lines: await withReferences(rows.slice(0, AUDIT_PAGE_SIZE)),
    more: rows.length > AUDIT_PAGE_SIZE,
  }
}

/** The export's entries after `afterId`, oldest first (see keysetBatches). */
export async function auditEntriesAfter(filters: AuditFilters, afterId: number, size: number) {
  const entries = await filtered(filters, await referencedDemand(filters))
    .where('id', '>', afterId)
    .orderBy('id', 'asc')
    .limit(size)
  return (await withReferences(entries)).map((line) => ({ id: line.entry.id, ...line }))
}
