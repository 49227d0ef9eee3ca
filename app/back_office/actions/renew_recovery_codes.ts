import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { replaceRecoveryCodes } from '#accounts/actions/replace_recovery_codes'
import { recordAudit } from '#accounts/actions/record_audit'
import { looksLikeTotpCode } from '#accounts/services/second_factor'
import CheckSecondFactor from '#back_office/actions/check_second_factor'

export type RenewOutcome =
  | { status: 'renewed'; recoveryCodes: string[] }
  | { status: 'invalid' }
  | { status: 'throttled'; retryAfter: number }

/**
 * Ten new recovery codes for an agent who used or lost theirs, against a
 * code of their application (checked like at login: once, throttled), so
 * that a session left open is not enough. The old codes stop working; the
 * new ones are returned in clear this once. Audited.
 */
export default class RenewRecoveryCodes {
  async handle(agent: Agent, code: string): Promise<RenewOutcome> {
    if (!looksLikeTotpCode(code)) return { status: 'invalid' }
    const checked = await new CheckSecondFactor().handle(agent, code)
    if (checked.status !== 'ok') return checked
    const recoveryCodes = await db.transaction(async (trx) => {
      const codes = await replaceRecoveryCodes(agent.id, trx)
      await recordAudit(agent, 'second_factor.recovery_codes_renewed', null, agent.email, null, trx)
      return codes
    })
    return { status: 'renewed', recoveryCodes }
  }
}
