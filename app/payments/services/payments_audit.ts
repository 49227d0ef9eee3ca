import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/**
 * Actions the payments module writes in the audit log (`audit_entries`,
 * shown on /agents/admin/audit). Payments sits beside demands in the layers,
 * so it cannot call demands' recordAudit/auditExport: it writes the same
 * rows itself, in the caller's transaction when there is one.
 */
export type PaymentsAuditAction =
  'invoice.cancelled' | 'invoice.credited' | 'payment.resolved' | 'list.viewed' | 'list.exported'

function idOf(row: unknown) {
  return Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
}

/** Writes one audit entry and returns its id. */
export async function writeAudit(
  agent: Agent,
  action: PaymentsAuditAction,
  detail: string,
  options: { rowCount?: number; client?: QueryClientContract } = {}
) {
  const client = options.client ?? db.connection()
  const [row] = await client
    .table('audit_entries')
    .insert({
      agent_id: agent.id,
      demand_id: null,
      action,
      detail: detail.slice(0, 300),
      row_count: options.rowCount ?? null,
      created_at: dbTimestamp(clock.now(), client),
    })
    .returning('id')
  return idOf(row)
}

/**
 * The audit entry of an export, as demands' auditExport writes it: before
 * the first row leaves (an export cut short still shows), given its row count
 * at the end; pass the returned function as `onDone` of sendCsv.
 */
export async function auditPaymentsExport(agent: Agent, what: string, filter: string | null) {
  const id = await writeAudit(agent, 'list.exported', filter ? `${what} ${filter}` : what)
  return async (rowCount: number) => {
    await db.from('audit_entries').where('id', id).update({ row_count: rowCount })
  }
}
