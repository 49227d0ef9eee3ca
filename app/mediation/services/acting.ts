import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import type User from '#accounts/models/user'
import AuditEntry, { type AuditAction } from '#accounts/models/audit_entry'
import modules from '#core/services/modules'
import Demand from '#demands/models/demand'
import { ownerOf } from '#demands/procedures/registry'
import type Mandate from '#mediation/models/mandate'

/** Where the mediator's session keeps the mandate they act under. */
export const ACTING_KEY = 'mediation_acting'

export interface ActingState {
  mandateId: number
  agentId: number
}

/** Writes a mediation line of the audit log: the mediator, the mandate, the resident. */
export function auditMediation(
  agent: Pick<Agent, 'id'>,
  action: AuditAction,
  mandate: Pick<Mandate, 'id' | 'userId'> | null,
  detail: string | null = null
) {
  return AuditEntry.create({
    agentId: agent.id,
    demandId: null,
    action,
    detail: detail?.slice(0, 300) ?? null,
    rowCount: null,
    mandateId: mandate?.id ?? null,
    actedForUserId: mandate?.userId ?? null,
  })
}

/** The mediator opens a session for the resident: the resident's pages now run as them, under this mandate. */
export async function startActing(ctx: HttpContext, agent: Agent, mandate: Mandate, user: User) {
  const residents = ctx.auth.use('web')
  if (await residents.check()) await residents.logout()
  await residents.login(user)
  ctx.session.put(ACTING_KEY, { mandateId: mandate.id, agentId: agent.id } satisfies ActingState)
  await auditMediation(agent, 'mediation.session_started', mandate)
}

/** Ends the mode: the resident is logged out of the mediator's browser; the mediator stays logged in as an agent. */
export async function stopActing(
  ctx: HttpContext,
  state: ActingState,
  mandate: Pick<Mandate, 'id' | 'userId'> | null,
  reason: string
) {
  ctx.session.forget(ACTING_KEY)
  const residents = ctx.auth.use('web')
  if (await residents.check()) await residents.logout()
  await auditMediation({ id: state.agentId }, 'mediation.session_ended', mandate, reason)
}

/**
 * What a request asks of the resident's side, for the mandate's scope:
 * `open` (not a resident's page, or one every mode may see: home, the
 * catalogue, /mon-espace filtered to the mandate, the agents' pages),
 * `closed` (a page of the resident's own space no mandate covers: profile,
 * household, mandates, invoices…), or a module whose pages need it in the
 * scope. A demand's page is its procedure's module, read from the demand.
 */
export type Verdict = { kind: 'open' } | { kind: 'closed' } | { kind: 'module'; module: string }

const DEMAND_PAGE = /^\/mon-espace\/(?:demandes|brouillons)\/(\d+)(?:\/|$)/
const FILING_PAGE = /^\/demarches\/([a-z0-9-]+)(?:\/|$)/
const APPOINTMENT_PAGES = /^\/(?:mon-espace\/)?(?:rendez-vous|liste-attente)(?:\/|$)/

export async function verdictFor(path: string, userId: number): Promise<Verdict> {
  if (path === '/agents' || path.startsWith('/agents/')) return { kind: 'open' }
  if (path === '/mon-espace' || path === '/mon-espace/') return { kind: 'open' }
  const demand = DEMAND_PAGE.exec(path)
  if (demand) {
    const found = await Demand.query()
      .where('id', Number(demand[1]))
      .where('userId', userId)
      .select('procedureKey')
      .first()
    if (!found) return { kind: 'closed' }
    return { kind: 'module', module: ownerOf(found.procedureKey) ?? 'demands' }
  }
  if (APPOINTMENT_PAGES.test(path)) return { kind: 'module', module: 'appointments' }
  if (path === '/mon-espace/demandes') return { kind: 'module', module: 'demands' }
  if (path.startsWith('/mon-espace/')) return { kind: 'closed' }
  const filing = FILING_PAGE.exec(path)
  if (filing) return { kind: 'module', module: ownerOf(filing[1]) ?? 'demands' }
  for (const { definition, prefix } of modules.enabledBricks()) {
    if (prefix && (path === prefix || path.startsWith(`${prefix}/`)))
      return { kind: 'module', module: definition.name }
  }
  return { kind: 'open' }
}
