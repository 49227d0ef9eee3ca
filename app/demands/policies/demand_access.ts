import type { HttpContext } from '@adonisjs/core/http'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type Agent from '#accounts/models/agent'
import type User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import { auditConfidentialOpening, isConfidentialService } from '#accounts/services/confidentiality'

/*
 * Who may see which demand. Agents see the demands of their services only;
 * residents their own. Anything else is "not found" (404), never "forbidden",
 * so that a reference or an id reveals nothing.
 */

/** Restricts a demands query to the submitted demands of these services (not async: a query builder is thenable). */
export function scopeToServices<T extends ModelQueryBuilderContract<typeof Demand, any>>(
  query: T,
  slugs: string[]
): T {
  query.whereIn('service_slug', slugs.length ? slugs : ['-']).whereNot('state', 'draft')
  return query
}

export async function findDemandForAgent(agent: Agent, id: unknown) {
  const numeric = Number(id)
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null
  return scopeToServices(
    Demand.query().where('id', numeric),
    await agentServiceSlugs(agent)
  ).first()
}

/** A demand of a confidential service, or of a procedure declared confidential. */
export function isConfidentialDemand(demand: Pick<Demand, 'procedureKey' | 'serviceSlug'>) {
  return (
    Boolean(findProcedure(demand.procedureKey)?.confidential) ||
    isConfidentialService(demand.serviceSlug)
  )
}

/**
 * A demand an agent opens (its page, one of its files): the agents of its
 * services only, like every agent's access; a confidential one is also
 * written to the audit log, with what was opened.
 */
export async function openDemandForAgent(agent: Agent, id: unknown, what?: string) {
  const demand = await findDemandForAgent(agent, id)
  if (demand && isConfidentialDemand(demand))
    await auditConfidentialOpening(
      agent,
      what ? `${demand.reference} — ${what}` : (demand.reference ?? `#${demand.id}`),
      demand.id
    )
  return demand
}

/**
 * An open demand that may leave its service: a confidential one stays with
 * the service it was filed to (sending it elsewhere would show it to agents
 * it is hidden from).
 */
export async function findTransferableDemand(agent: Agent, id: unknown) {
  const demand = await findDemandForAgent(agent, id)
  return demand && isOpen(demand) && !isConfidentialDemand(demand) ? demand : null
}

export async function findOwnDemand(user: User, id: unknown) {
  const numeric = Number(id)
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null
  return Demand.query()
    .where('id', numeric)
    .where('user_id', user.id)
    .whereNot('state', 'draft')
    .first()
}

/** The resident's own demand while it is open: the only one they may withdraw. */
export async function findWithdrawableDemand(user: User, id: unknown) {
  const demand = await findOwnDemand(user, id)
  return demand && isOpen(demand) ? demand : null
}

function isOpen(demand: Demand) {
  const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
  return Boolean(procedure) && !stateOf(workflowOf(procedure!), demand.state).closed
}

const ANONYMOUS_DRAFTS = 'anonymous_drafts'

/** Drafts of a visitor without an account belong to their session. */
export function rememberAnonymousDraft(session: HttpContext['session'], id: number) {
  const ids: number[] = session.get(ANONYMOUS_DRAFTS, [])
  session.put(ANONYMOUS_DRAFTS, [...ids.slice(-19), id])
}

function anonymousDraftIds(session: HttpContext['session']): number[] {
  return session.get(ANONYMOUS_DRAFTS, [])
}

/** A demand filed from this browser: the resident's own, or a visitor's from this session. */
export async function findFiledDemand(ctx: HttpContext, id: unknown, options: { draft: boolean }) {
  const numeric = Number(id)
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null
  const user = ctx.auth.use('web').user
  const query = Demand.query().where('id', numeric)
  if (options.draft) query.where('state', 'draft')
  else query.whereNot('state', 'draft')
  if (user) query.where('user_id', user.id)
  else
    query
      .whereNull('user_id')
      .whereNull('filed_by_agent_id')
      .whereIn('id', anonymousDraftIds(ctx.session).length ? anonymousDraftIds(ctx.session) : [0])
  return query.first()
}
