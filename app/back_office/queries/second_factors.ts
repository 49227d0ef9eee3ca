import db from '@adonisjs/lucid/services/db'
import { confirmedFactorOf } from '#back_office/services/second_factor_login'

/** What the status page and the admin's agent page show: since when the factor is on, and the recovery codes left. */
export async function secondFactorStatus(agentId: number) {
  const factor = await confirmedFactorOf(agentId)
  if (!factor) return { enabledAt: null, recoveryCodesLeft: 0 }
  const [{ total }] = await db
    .from('agent_recovery_codes')
    .where('agent_id', agentId)
    .whereNull('used_at')
    .count('* as total')
  return { enabledAt: factor.confirmedAt, recoveryCodesLeft: Number(total) }
}

/** The ids of the agents whose second factor is on (the agents' list shows it). */
export async function agentIdsWithSecondFactor() {
  const rows = await db.from('agent_second_factors').whereNotNull('confirmed_at').select('agent_id')
  return new Set(rows.map((row) => Number(row.agent_id)))
}
