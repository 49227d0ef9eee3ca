import type { I18n } from '@adonisjs/i18n'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import type Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import DemandFile from '#demands/models/demand_file'
import type { WorkflowDefinition } from '#workflow/define_workflow'
import { stateOf } from '#workflow/define_workflow'

export interface TimelineEntry {
  id: number
  kind: string
  at: Demand['createdAt']
  actor: string
  fromLabel: string | null
  toLabel: string | null
  transitionLabel: string | null
  body: string | null
  internal: boolean
  files: DemandFile[]
}

/**
 * A demand's timeline as one audience reads it. Residents see state labels
 * written for them, messages and visible comments, never internal notes nor
 * assignments, and agents are named "the city's services". Agents see
 * everything with their own labels and colleagues' names.
 */
export async function timelineFor(
  demand: Demand,
  workflow: WorkflowDefinition,
  audience: 'resident' | 'agent',
  i18n: I18n
): Promise<TimelineEntry[]> {
  const query = DemandEvent.query().where('demandId', demand.id).orderBy('id', 'asc')
  if (audience === 'resident')
    query.where('visibleToResident', true).whereNot('kind', 'assignment').whereNot('kind', 'note')
  const events = await query
  const files = await DemandFile.query().where('demandId', demand.id).whereNotNull('eventId')
  const agentIds = [
    ...new Set(
      events
        .filter((event) => event.actorType === 'agent' || event.kind === 'assignment')
        .flatMap((event) => [
          event.actorId,
          event.kind === 'assignment' && event.body ? Number(event.body) : null,
        ])
        .filter((id): id is number => Boolean(id))
    ),
  ]
  const transferredTo = [
    ...new Set(events.filter((event) => event.kind === 'transfer').map((event) => event.body!)),
  ]
  const services = transferredTo.length
    ? await Service.query().whereIn('slug', transferredTo).select('slug', 'name')
    : []
  const serviceName = (slug: string | null) =>
    services.find((service) => service.slug === slug)?.name ?? slug
  const agents =
    audience === 'agent' && agentIds.length ? await Agent.query().whereIn('id', agentIds) : []
  const agentName = (id: number | null) =>
    agents.find((agent) => agent.id === id)?.fullName ?? i18n.t('demands.timeline.an_agent')
  const label = (state: string | null) => {
    if (!state) return null
    const found = workflow.states.find((candidate) => candidate.key === state)
    if (!found) return state
    return i18n.t(
      audience === 'resident'
        ? stateOf(workflow, state).residentLabel
        : stateOf(workflow, state).agentLabel
    )
  }
  return events.map((event) => {
    let actor: string
    if (event.actorType === 'system') actor = i18n.t('demands.timeline.system')
    else if (event.actorType === 'software')
      actor =
        audience === 'resident'
          ? i18n.t('demands.timeline.city')
          : i18n.t('demands.timeline.software', { name: event.actorName ?? '' })
    else if (event.actorType === 'resident')
      actor =
        audience === 'resident'
          ? i18n.t('demands.timeline.you')
          : i18n.t('demands.timeline.resident')
    else
      actor = audience === 'resident' ? i18n.t('demands.timeline.city') : agentName(event.actorId)
    const transition = event.transition
      ? workflow.transitions.find((candidate) => candidate.key === event.transition)
      : null
    return {
      id: event.id,
      kind: event.kind,
      at: event.createdAt,
      actor,
      fromLabel: label(event.fromState),
      toLabel: label(event.toState),
      transitionLabel: transition ? i18n.t(transition.label) : null,
      body: bodyOf(event, agentName, serviceName),
      internal: !event.visibleToResident,
      files: files.filter((file) => file.eventId === event.id),
    }
  })
}

/** What a timeline line says: the assignee's name, the receiving service's name, or the text written. */
function bodyOf(
  event: DemandEvent,
  agentName: (id: number | null) => string,
  serviceName: (slug: string | null) => string | null
) {
  if (event.kind === 'assignment') return event.body ? agentName(Number(event.body)) : null
  if (event.kind === 'transfer') return serviceName(event.body)
  return event.body
}
