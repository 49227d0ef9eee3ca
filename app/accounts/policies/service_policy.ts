import { BasePolicy } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'

/** Who may create and edit the city's services. */
export default class ServicePolicy extends BasePolicy {
  manage(current: Agent) {
    return current.isAdmin
  }
}
