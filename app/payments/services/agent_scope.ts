import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { FINANCE_SERVICE } from '#payments/finance_service'
import type { PaymentsScope } from '#payments/queries/agent_payments'

/** The signed-in agent and what their payments lists may show (the finance service sees every service's). */
export async function agentScope(
  ctx: HttpContext
): Promise<{ agent: Agent; scope: PaymentsScope }> {
  const agent = ctx.auth.use('agent').getUserOrFail() as Agent
  const slugs = await agentServiceSlugs(agent)
  return { agent, scope: { all: slugs.includes(FINANCE_SERVICE), slugs } }
}
