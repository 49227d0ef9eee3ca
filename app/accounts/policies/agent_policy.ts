import { BasePolicy } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'

/** Who may manage agent accounts. */
export default class AgentPolicy extends BasePolicy {
  viewList(current: Agent) {
    return current.isAdmin
  }

  create(current: Agent) {
    return current.isAdmin
  }

  edit(current: Agent, _target: Agent) {
    return current.isAdmin
  }

  /** An admin cannot lock themself out by deactivating or demoting their own account. */
  changeRoleOrStatus(current: Agent, target: Agent) {
    return current.isAdmin && current.id !== target.id
  }

  /** Admins end any agent's sessions ("log out everywhere"); every agent may end their own. */
  endSessions(current: Agent, target: Agent) {
    return current.isAdmin || current.id === target.id
  }

  /** Admins remove an agent's second factor (a lost phone), their own included. */
  resetSecondFactor(current: Agent, _target: Agent) {
    return current.isAdmin
  }
}
