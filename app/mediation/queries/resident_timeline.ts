import { olderThan, type TimelineSource } from '#accounts/resident_space'
import MediationAction from '#mediation/models/mediation_action'
import { scopeLabel } from '#mediation/services/scopes'

export const MEDIATION_KIND = 'mediation_action'

/**
 * What mediators did for the resident, "par X pour vous", on /mon-espace:
 * the module's name, and who acted. Residents only (an agent's 360° view
 * has the audit log).
 */
const mediationTimeline: TimelineSource = async ({ userId, before, limit, t, viewer }) => {
  if (viewer) return []
  const query = MediationAction.query().where('userId', userId)
  olderThan(query, { dateColumn: 'created_at', idColumn: 'id', kind: MEDIATION_KIND, before })
  const actions = await query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit)
  return actions.map((action) => ({
    kind: MEDIATION_KIND,
    id: action.id,
    date: action.createdAt,
    title: t('mediation.space.title', { module: t(scopeLabel(action.module)) }),
    status: t('mediation.space.by', { name: action.agentName }),
    link: '/mon-espace/mandats',
  }))
}

export default mediationTimeline
