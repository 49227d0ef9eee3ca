import Demand from '#demands/models/demand'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import { olderThan, type TimelineSource } from '#accounts/resident_space'

export const DEMAND_KIND = 'demand'

/** The resident's submitted demands on /mon-espace, dated by their submission (drafts are the demands card's). */
const demandsTimeline: TimelineSource = async ({ userId, before, limit, t }) => {
  const query = Demand.query()
    .where('userId', userId)
    .whereNot('state', 'draft')
    .whereNotNull('submittedAt')
  olderThan(query, { dateColumn: 'submitted_at', idColumn: 'id', kind: DEMAND_KIND, before })
  const demands = await query.orderBy('submittedAt', 'desc').orderBy('id', 'desc').limit(limit)
  return demands.map((demand) => {
    const procedure = findProcedure(demand.procedureKey)
    const state = procedure ? stateOf(workflowOf(procedure), demand.state) : null
    return {
      kind: DEMAND_KIND,
      id: demand.id,
      date: demand.submittedAt!,
      title: procedure ? t(procedure.title) : demand.procedureKey,
      status: state ? t(state.residentLabel) : demand.state,
      link: `/mon-espace/demandes/${demand.id}`,
      detail: demand.reference
        ? t('demands.space.reference', { reference: demand.reference })
        : undefined,
    }
  })
}

export default demandsTimeline
