import type Agent from '#accounts/models/agent'
import AuditEntry, { type AuditAction } from '#demands/models/audit_entry'

/** Writes who read what in the back office; `rowCount` for a list or an export of people. */
export async function recordAudit(
  agent: Agent,
  action: AuditAction,
  demandId: number | null,
  detail: string | null = null,
  rowCount: number | null = null
) {
  return AuditEntry.create({
    agentId: agent.id,
    demandId,
    action,
    detail: detail?.slice(0, 300) ?? null,
    rowCount,
  })
}
