import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import AuditEntry, { type AuditAction } from '#accounts/models/audit_entry'

/**
 * Writes who read or changed what about people: the action, the demand
 * concerned if any, a detail (a filter, a reference, a reason), and for a list
 * or an export of people how many rows it gave. Inside the caller's
 * transaction when one is given, so that a change and its entry are one.
 */
export async function recordAudit(
  agent: Agent,
  action: AuditAction,
  demandId: number | null,
  detail: string | null = null,
  rowCount: number | null = null,
  client?: QueryClientContract
) {
  return AuditEntry.create(
    {
      agentId: agent.id,
      demandId,
      action,
      detail: detail?.slice(0, 300) ?? null,
      rowCount,
    },
    { client }
  )
}
