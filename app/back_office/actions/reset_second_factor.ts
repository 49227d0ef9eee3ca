import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import { queueMail } from '#notifications/queue_mail'

/**
 * An admin removes an agent's second factor (a lost or changed phone): the
 * authenticator, its recovery codes and, with its browser key, every browser
 * it remembered. The agent enrols again at their next login if the city
 * requires it. Audited with the agent's name, and the agent gets a mail;
 * false when there was nothing to reset.
 */
export default class ResetSecondFactor {
  async handle(actor: Agent, target: Agent): Promise<boolean> {
    return db.transaction(async (trx) => {
      const removed = await trx.from('agent_second_factors').where('agent_id', target.id).delete()
      await trx.from('agent_recovery_codes').where('agent_id', target.id).delete()
      if ((Number(Array.isArray(removed) ? removed[0] : removed) || 0) === 0) return false
      const detail = `${target.fullName} <${target.email}>`
      await recordAudit(actor, 'second_factor.reset', null, detail, null, trx)
      // The agent hears of it: a reset they did not ask for is someone taking over their account.
      await queueMail(
        {
          to: target.email,
          subject: 'back_office.mails.second_factor_reset.subject',
          view: 'back_office::emails/second_factor_reset',
          data: { agent: target },
        },
        trx
      )
      return true
    })
  }
}
