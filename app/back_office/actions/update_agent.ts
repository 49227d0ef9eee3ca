import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import type { AgentRole } from '#accounts/models/agent'
import { endSessionsOf } from '#accounts/services/sessions'
import type Service from '#accounts/models/service'
import type { Grant } from '#accounts/services/permissions'
import { saveGrants } from '#back_office/services/agent_permissions_form'

/**
 * Changes an agent's names, services, permissions in those services (audited)
 * and, unless they are the admin making the change, their role and status (an
 * admin cannot lock themself out). A deactivated agent's sessions end at
 * once, on every device.
 */
export default class UpdateAgent {
  async handle(
    agent: Agent,
    input: {
      firstName: string
      lastName: string
      role: AgentRole
      services: number[]
      active?: boolean
    },
    options: {
      canChangeRoleOrStatus: boolean
      actor?: Agent
      grants?: { offered: Grant[]; granted: Grant[] }
      allServices?: Service[]
    }
  ) {
    await db.transaction(async (trx) => {
      agent.useTransaction(trx)
      agent.merge({ firstName: input.firstName, lastName: input.lastName })
      if (options.canChangeRoleOrStatus) {
        agent.merge({ role: input.role, active: input.active ?? false })
      }
      await agent.save()
      await agent.related('services').sync(input.services, true, trx)
      if (options.grants && options.actor)
        await saveGrants(options.actor, agent, options.grants, options.allServices ?? [], trx)
      if (!agent.active) await endSessionsOf({ agentId: agent.id }, { client: trx })
    })
    return agent
  }
}
