import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import AgentSecondFactor from '#accounts/models/agent_second_factor'
import { replaceRecoveryCodes } from '#accounts/actions/replace_recovery_codes'
import { recordAudit } from '#accounts/actions/record_audit'
import { queueMail } from '#notifications/queue_mail'
import { newBrowserKey, totpCodeStep } from '#accounts/services/second_factor'
import { lockForUpdate } from '#core/database/dialect'
import { clock } from '#core/clock'

export type ConfirmOutcome =
  | { status: 'confirmed'; factor: AgentSecondFactor; recoveryCodes: string[] }
  | { status: 'invalid' }
  | { status: 'missing' }

/**
 * The first code typed from the application proves it holds the secret:
 * the factor is confirmed (that code's period is used up), ten new recovery
 * codes are made, returned in clear this once and stored as hashes, the
 * audit log says the agent enabled it and the agent gets a mail saying so.
 * A confirmed factor is never confirmed again ('missing': start an
 * enrolment first).
 */
export default class ConfirmSecondFactor {
  async handle(agent: Agent, code: string): Promise<ConfirmOutcome> {
    return db.transaction(async (trx) => {
      const factor = await lockForUpdate(
        AgentSecondFactor.query({ client: trx }).where('agentId', agent.id),
        trx
      ).first()
      if (!factor || factor.isConfirmed) return { status: 'missing' as const }
      const step = totpCodeStep(factor.secret, code)
      if (step === null) return { status: 'invalid' as const }
      factor.useTransaction(trx)
      factor.merge({ confirmedAt: clock.now(), lastUsedStep: step, browserKey: newBrowserKey() })
      await factor.save()
      const recoveryCodes = await replaceRecoveryCodes(agent.id, trx)
      await recordAudit(agent, 'second_factor.enabled', null, agent.email, null, trx)
      await queueMail(
        {
          to: agent.email,
          subject: 'back_office.mails.second_factor_enabled.subject',
          view: 'back_office::emails/second_factor_enabled',
          data: { agent },
        },
        trx
      )
      return { status: 'confirmed' as const, factor, recoveryCodes }
    })
  }
}
