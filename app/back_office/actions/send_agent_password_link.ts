import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import { queueMail } from '#notifications/queue_mail'
import { passwordFingerprint, signedLink } from '#accounts/services/signed_links'

export const AGENT_PASSWORD_PURPOSE = 'agent_password'

/** Mails an agent a single-use link to choose a password: on invitation (72 h) or when forgotten (1 h). */
export default class SendAgentPasswordLink {
  async handle(agent: Agent, reason: 'invitation' | 'reset', trx?: TransactionClientContract) {
    const link = signedLink(
      'back_office.password.edit',
      { id: agent.id },
      { expiresIn: reason === 'invitation' ? '72h' : '1h', purpose: AGENT_PASSWORD_PURPOSE, qs: { empreinte: passwordFingerprint(agent.password) } }
    )
    await queueMail({
      to: agent.email,
      subject: `back_office.mails.${reason}.subject`,
      view: `emails/back_office/${reason}`,
      data: { agent, link },
    }, trx)
  }
}
