import type { HttpContext } from '@adonisjs/core/http'
import { notFoundPage } from '#core/services/not_found'
import type { NextFn } from '@adonisjs/core/types/http'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { servesModule } from '#core/modules/registry'

/**
 * A brick's back office is for the agents of its services: anyone else gets
 * "not found" (404, not 403, to reveal nothing). Mounted on every brick's
 * /agents routes after the agent middleware, from the services the brick
 * declares, so no controller has to remember it. The agents' navigation
 * shows a brick's link by the same rule (servesModule).
 */
export default class ServiceMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { services: string[] }) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const slugs = await agentServiceSlugs(agent)
    if (!servesModule(options.services, slugs)) {
      return notFoundPage(ctx)
    }
    return next()
  }
}
