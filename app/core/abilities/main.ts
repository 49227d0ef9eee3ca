import { Bouncer } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'

/** Only admins manage agents, services and read the platform's mail log. */
export const administer = Bouncer.ability((agent: Agent) => agent.isAdmin)
