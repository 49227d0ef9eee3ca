import { olderThan, type TimelineSource } from '#accounts/resident_space'
import Registration from '../models/registration.js'

export const REGISTRATION_KIND = 'childhood_registration'

/** The family's activity registrations on /mon-espace, dated by when they were made. */
const registrationsTimeline: TimelineSource = async ({ userId, before, limit, t }) => {
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
    link: '/enfance',
    detail: t('childhood.space.detail', {
      child: registration.child.firstName,
      session: registration.session.label,
    }),
  }))
}

export default registrationsTimeline
