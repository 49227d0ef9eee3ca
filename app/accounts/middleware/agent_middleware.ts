import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import modules from '#core/services/modules'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { agentCan } from '#accounts/services/permissions'

/**
 * Back-office gate: only a logged-in, active agent goes through; anyone else
 * (a resident included) is sent to the agents' login page.
 */
export default class AgentMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { role?: 'supervisor' | 'admin' } = {}) {
    const guard = ctx.auth.use('agent')
    const authenticated = await guard.check()
    if (!authenticated || !guard.user!.active) {
      if (authenticated) await guard.logout()
      if (ctx.request.method() === 'GET') {
        ctx.session.put('agent_intended_url', ctx.request.url(true))
      }
      return ctx.response.redirect('/agents/connexion')
    }
    const agent = guard.user!
    if (options.role === 'admin' && !agent.isAdmin) {
      return ctx.response.forbidden(await ctx.view.render('pages/errors/forbidden'))
    }
    if (options.role === 'supervisor' && !agent.isSupervisor) {
      return ctx.response.forbidden(await ctx.view.render('pages/errors/forbidden'))
    }
    // Links only to the bricks' back offices this agent may open (the `service` middleware's rule),
    // and to the pages whose permission the agent holds.
    const links = modules.backNavigation(await agentServiceSlugs(agent))
    const allowed = await Promise.all(
      links.map((link) => (link.permission ? agentCan(agent, link.permission) : true))
    )
    ctx.view.share({
      currentAgent: agent,
      backNavigation: links.filter((_, index) => allowed[index]),
    })
    return next()
  }
}
