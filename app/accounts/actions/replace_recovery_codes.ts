import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AgentRecoveryCode from '#accounts/models/agent_recovery_code'
import { newRecoveryCodes, recoveryCodeHash } from '#accounts/services/second_factor'

/**
 * Gives an agent ten new recovery codes in the caller's transaction: the old
 * ones stop working, the new ones are stored as keyed hashes and returned in
 * clear, to be shown this once (enrolment, renewal).
 */
export async function replaceRecoveryCodes(agentId: number, trx: TransactionClientContract) {
  const recoveryCodes = newRecoveryCodes()
  await AgentRecoveryCode.query({ client: trx }).where('agentId', agentId).delete()
  await AgentRecoveryCode.createMany(
    recoveryCodes.map((recovery) => ({
      agentId,
      codeHash: recoveryCodeHash(recovery),
      usedAt: null,
    })),
    { client: trx }
  )
  return recoveryCodes
}
