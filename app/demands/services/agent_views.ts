import type { DateTime } from 'luxon'
import type { I18n } from '@adonisjs/i18n'
import Agent from '#accounts/models/agent'
import SavedFilter from '#demands/models/saved_filter'
import type Demand from '#demands/models/demand'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { agentActor } from '#demands/actions/bulk_action'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { allProcedures, findProcedure, workflowOf } from '#demands/procedures/registry'
import { pausedStates, type InboxDemand } from '#demands/queries/inbox'
import { answerSections } from '#demands/services/answer_sections'
import { timelineFor } from '#demands/services/timeline'
import { MESSAGE_ATTACHMENTS } from '#demands/services/uploads'
import { availableTransitions, stateOf } from '#workflow/define_workflow'
import { transferTargets } from '#demands/actions/transfer_demand'
import { isConfidentialDemand } from '#demands/policies/demand_access'
import { routeUrl } from '#core/http/route_url'

/** Past its due date (epoch ms) while open and not paused (waiting for the resident…). */
function isOverdue(
  demand: { closed: boolean; dueAtMs: number | null; state: string },
  now: DateTime,
  paused: string[]
) {
  return (
    !demand.closed &&
    demand.dueAtMs !== null &&
    demand.dueAtMs < now.toMillis() &&
    !paused.includes(demand.state)
  )
}

/** The inbox's rows: the procedure's title, the state as agents name it, lateness and assignee. */
export function inboxRows(demands: InboxDemand[], i18n: I18n, now: DateTime) {
  const paused = pausedStates()
  return demands.map((demand) => {
    const procedure = findProcedure(demand.procedureKey)
    const workflow = procedure ? workflowOf(procedure) : null
    return {
      demand,
      title: procedure ? i18n.t(procedure.title) : demand.procedureKey,
      stateLabel: workflow ? i18n.t(stateOf(workflow, demand.state).agentLabel) : demand.state,
      overdue: isOverdue(
        { closed: demand.closedAt !== null, dueAtMs: demand.dueAt, state: demand.state },
        now,
        paused
      ),
      assignee: demand.assigneeName,
    }
  })
}

/** The inbox's links: the next page (same filters), back to the first page when paged, the CSV export. */
export function inboxPageLinks(query: string, nextCursor: string | null, paged: boolean) {
  return {
    nextUrl: nextCursor
      ? routeUrl('agent_demands.index', {}, `${query ? query + '&' : ''}apres=${nextCursor}`)
      : null,
    firstUrl: paged ? routeUrl('agent_demands.index', {}, query) : null,
    exportUrl: routeUrl('agent_demands.export', {}, query),
  }
}

/** The inbox's filter bar: procedures and states of the agent's services, and the agent's saved filters. */
export async function inboxFilterOptions(agent: Agent, i18n: I18n) {
  const slugs = await agentServiceSlugs(agent)
  const procedures = allProcedures().filter((procedure) => slugs.includes(procedure.service))
  const states = new Map<string, string>()
  for (const procedure of procedures)
    for (const state of workflowOf(procedure).states)
      if (!states.has(state.key)) states.set(state.key, i18n.t(state.agentLabel))
  return {
    procedureOptions: procedures.map((procedure) => ({
      value: procedure.key,
      label: i18n.t(procedure.title),
    })),
    stateOptions: [...states.entries()].map(([value, label]) => ({ value, label })),
    // Plain rows: the bar shows a name and a link.
    savedFilters: (await SavedFilter.query()
      .where('agentId', agent.id)
      .orderBy('name')
      .select('id', 'name', 'query')
      .pojo()) as Pick<SavedFilter, 'id' | 'name' | 'query'>[],
  }
}

/** What a demand's page shows an agent: answers, timeline, transitions open to them, colleagues to assign it to. */
export async function agentDemandPage(
  demand: Demand,
  procedure: ProcedureDefinition,
  agent: Agent,
  i18n: I18n,
  now: DateTime
) {
  const workflow = workflowOf(procedure)
  const colleagues = await Agent.query()
    .where('active', true)
    .whereHas('services', (services) => services.where('slug', demand.serviceSlug))
    .orderBy('lastName')
  const filer = demand.filedByAgentId ? await Agent.find(demand.filedByAgentId) : null
  return {
    demand,
    procedure,
    // Not `state`: Edge reserves that name and a view would read nothing from it.
    demandState: stateOf(workflow, demand.state),
    sections: await answerSections(demand, procedure, i18n),
    timeline: await timelineFor(demand, workflow, 'agent', i18n),
    transitions: availableTransitions(workflow, demand.state, agentActor(agent)),
    colleagues,
    assignee:
      colleagues.find((colleague) => colleague.id === demand.assigneeId) ??
      (demand.assigneeId ? await Agent.find(demand.assigneeId) : null),
    overdue: isOverdue(
      {
        closed: Boolean(demand.closedAt),
        dueAtMs: demand.dueAt ? demand.dueAt.toMillis() : null,
        state: demand.state,
      },
      now,
      pausedStates()
    ),
    filer,
    attachments: MESSAGE_ATTACHMENTS,
    transferTargets:
      stateOf(workflow, demand.state).closed || isConfidentialDemand(demand)
        ? []
        : await transferTargets(demand.serviceSlug),
  }
}
