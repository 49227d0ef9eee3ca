import { olderThan, type TimelineSource } from '#accounts/resident_space'
import Registration from '../models/registration.js'

export const REGISTRATION_KIND = 'childhood_registration'
/** The brick's service: only its agents see a family's registrations in the 360° view. */
const SERVICE = 'enfance'

/**
 * The family's activity registrations on /mon-espace, dated by when they
 * were made. For an agent's 360° view, only for the agents of the brick's
 * service, linked to the session's page.
 */
const registrationsTimeline: TimelineSource = async ({ userId, before, limit, t, viewer }) => {
  if (viewer && !viewer.serviceSlugs.includes(SERVICE)) return []
  const query = Registration.query()
    .where('userId', userId)
    .preload('child')
    .preload('session', (session) => session.preload('activity'))
  olderThan(query, { dateColumn: 'created_at', idColumn: 'id', kind: REGISTRATION_KIND, before })
  const registrations = await query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit)
  return registrations.map((registration) => ({
    kind: REGISTRATION_KIND,
    id: registration.id,
    date: registration.createdAt,
    title: registration.session.activity.name,
    status: t(`childhood.statuses.${registration.status}`),
    link: viewer ? `/agents/enfance/sessions/${registration.sessionId}` : '/enfance',
    detail: t('childhood.space.detail', {
      child: registration.child.firstName,
      session: registration.session.label,
    }),
  }))
}

export default registrationsTimeline
