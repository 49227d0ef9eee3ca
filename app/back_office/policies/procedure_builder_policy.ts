import { BasePolicy } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'
import { agentCan } from '#accounts/services/permissions'

/** The permission that opens the procedure builder to an agent who is not an admin. */
export const DESIGN_PROCEDURES = 'back_office.procedures.design'

/** Who may build, publish and withdraw procedures: admins and "procedure designers". */
export default class ProcedureBuilderPolicy extends BasePolicy {
  async design(agent: Agent) {
    return agent.active && (agent.isAdmin || (await agentCan(agent, DESIGN_PROCEDURES)))
  }
}
