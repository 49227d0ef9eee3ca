import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'

/**
 * The audit entry of an export, written before the first row leaves (an
 * export cut short still shows in the log) and given its row count at the end:
 * pass the returned function as `onDone` of sendCsv.
 */
export async function auditExport(agent: Agent, what: string, filter: string | null) {
  const entry = await recordAudit(agent, 'list.exported', null, filter ? `${what} ${filter}` : what)
  return async (rowCount: number) => {
    entry.rowCount = rowCount
    await entry.save()
  }
}
