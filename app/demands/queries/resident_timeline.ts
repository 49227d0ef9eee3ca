import Demand from '#demands/models/demand'
import { allProcedures, findProcedure, ownerOf, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import { olderThan, type TimelineSource } from '#accounts/resident_space'
import { scopeToServices } from '#demands/policies/demand_access'

export const DEMAND_KIND = 'demand'

/**
 * The resident's submitted demands on /mon-espace, dated by their submission
 * (drafts are the demands card's). For an agent's 360° view, only those of
 * the agent's services (the inbox's rule, confidential services included).
 */
const demandsTimeline: TimelineSource = async ({ userId, before, limit, t, viewer, modules }) => {
  const query = Demand.query()
    .where('userId', userId)
    .whereNot('state', 'draft')
    .whereNotNull('submittedAt')
  if (viewer) scopeToServices(query, viewer.serviceSlugs)
  // A mediator acting for the resident: only the procedures of the modules the mandate covers.
  if (modules)
    query.whereIn(
      'procedureKey',
      allProcedures()
        .filter((procedure) => modules.includes(ownerOf(procedure.key) ?? 'demands'))
        .map((procedure) => procedure.key)
    )
  olderThan(query, { dateColumn: 'submitted_at', idColumn: 'id', kind: DEMAND_KIND, before })
  const demands = await query.orderBy('submittedAt', 'desc').orderBy('id', 'desc').limit(limit)
  return demands.map((demand) => {
    const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
    const state = procedure ? stateOf(workflowOf(procedure), demand.state) : null
    return {
      kind: DEMAND_KIND,
      id: demand.id,
      date: demand.submittedAt!,
      title: procedure ? t(procedure.title) : demand.procedureKey,
      status: state ? t(viewer ? state.agentLabel : state.residentLabel) : demand.state,
      link: viewer ? `/agents/demandes/${demand.id}` : `/mon-espace/demandes/${demand.id}`,
      detail: demand.reference
        ? t('demands.space.reference', { reference: demand.reference })
        : undefined,
    }
  })
}

export default demandsTimeline
