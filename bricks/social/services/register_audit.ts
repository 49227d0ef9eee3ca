import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#accounts/actions/record_audit'

/** Writes in the audit that the agent read a list (or a record) of the register: what, and how many people. */
export function auditRegisterRead(ctx: HttpContext, detail: string, rowCount: number) {
  return recordAudit(ctx.auth.use('agent').getUserOrFail(), 'list.viewed', null, detail, rowCount)
}
