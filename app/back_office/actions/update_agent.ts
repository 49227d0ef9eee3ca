import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import type { AgentRole } from '#accounts/models/agent'

/**
 * Changes an agent's names, services and, unless they are the admin making
 * the change, their role and status (an admin cannot lock themself out).
 */
export default class UpdateAgent {
  async handle(agent: Agent, input: { firstName: string; lastName: string; role: AgentRole; services: number[]; active?: boolean }, options: { canChangeRoleOrStatus: boolean }) {
    await db.transaction(async (trx) => {
      agent.useTransaction(trx)
      agent.merge({ firstName: input.firstName, lastName: input.lastName })
      if (options.canChangeRoleOrStatus) {
        agent.merge({ role: input.role, active: input.active ?? false })
      }
      await agent.save()
      await agent.related('services').sync(input.services, true, trx)
    })
    return agent
  }
}
