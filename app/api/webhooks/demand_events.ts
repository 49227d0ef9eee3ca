import type { ApiEventDeclaration } from '#api/define_api'

/** What the demands engine publishes (`#demands/events`), declared here as the engine sits below /api/v1. */
export const demandEvents: ApiEventDeclaration[] = [
  { type: 'demand.submitted', resource: 'demands', label: 'api.events.demand_submitted' },
  { type: 'demand.transitioned', resource: 'demands', label: 'api.events.demand_transitioned' },
  { type: 'demand.message_posted', resource: 'demands', label: 'api.events.demand_message_posted' },
  { type: 'demand.assigned', resource: 'demands', label: 'api.events.demand_assigned' },
]
