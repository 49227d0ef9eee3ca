import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Agent, { type AgentRole } from '#accounts/models/agent'
import SendAgentPasswordLink from '#back_office/actions/send_agent_password_link'
import type Service from '#accounts/models/service'
import type { Grant } from '#accounts/services/permissions'
import { saveGrants } from '#back_office/services/agent_permissions_form'

export class AgentEmailTakenError extends Error {}

export interface AgentInput {
  firstName: string
  lastName: string
  email: string
  role: AgentRole
  services: number[]
  active?: boolean
}

/**
 * Creates an agent account with an unusable random password and mails them a
 * link to choose their own (queued in the same transaction): an admin never
 * knows an agent's password.
 */
export default class InviteAgent {
  async handle(
    input: AgentInput,
    options: {
      actor?: Agent
      grants?: { offered: Grant[]; granted: Grant[] }
      allServices?: Service[]
    } = {}
  ) {
    const agent = await db.transaction(async (trx) => {
      if (await Agent.query({ client: trx }).where('email', input.email).first())
        throw new AgentEmailTakenError()
      const created = await Agent.create(
        {
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email,
          role: input.role,
          active: input.active ?? false,
          password: randomBytes(32).toString('base64url'),
        },
        { client: trx }
      )
      await created.related('services').sync(input.services, true, trx)
      if (options.grants && options.actor)
        await saveGrants(options.actor, created, options.grants, options.allServices ?? [], trx)
      await new SendAgentPasswordLink().handle(created, 'invitation', trx)
      return created
    })
    return agent
  }
}
