import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import { queueMail } from '#notifications/queue_mail'
import { passwordFingerprint } from '#accounts/services/signed_links'
import { signedUrl } from '#core/links'

export const AGENT_PASSWORD_PURPOSE = 'agent_password'
/** The page where an agent chooses a password (route `back_office.password.edit`, under the /agents group). */
export const AGENT_PASSWORD_PATH = '/agents/mot-de-passe/:id'

/**
 * A single-use link to choose a password: it carries a fingerprint of the
 * password stored now, so it stops working once a password is chosen. Built
 * from the route's pattern, it works in any process (web, jobs:work, ace).
 */
export function agentPasswordLink(agent: Agent, expiresIn: string) {
  return signedUrl(
    AGENT_PASSWORD_PATH,
    { id: agent.id },
    {
      expiresIn,
      purpose: AGENT_PASSWORD_PURPOSE,
      qs: { empreinte: passwordFingerprint(agent.password) },
    }
  )
}

/** Mails an agent a single-use link to choose a password: on invitation (72 h) or when forgotten (1 h). */
export default class SendAgentPasswordLink {
  async handle(agent: Agent, reason: 'invitation' | 'reset', trx?: TransactionClientContract) {
    const link = agentPasswordLink(agent, reason === 'invitation' ? '72h' : '1h')
    await queueMail(
      {
        to: agent.email,
        subject: `back_office.mails.${reason}.subject`,
        view: `back_office::emails/${reason}`,
        data: { agent, link },
      },
      trx
    )
  }
}
