import { Bouncer } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'
import { agentCan as holdsPermission } from '#accounts/services/permissions'

/** Only admins manage agents, services, settings and read the platform's mail log. */
export const administer = Bouncer.ability((agent: Agent) => agent.isAdmin)

/**
 * A permission a module declares, granted to the agent in a service
 * (`serviceSlug`, or any service of the declaring module): `@can('agentCan',
 * '<module>.invoicing.run', '<service slug>')` in views, `bouncer.allows(agentCan,
 * …)` in controllers. See #accounts/services/permissions for the rules.
 */
export const agentCan = Bouncer.ability((agent: Agent, permission: string, serviceSlug?: string) =>
  holdsPermission(agent, permission, serviceSlug)
)
