import ActivityRegistration from '../models/activity_registration.js'

/** 1 for the first waiting, then 2…; null when the registration has a place or ended. */
export async function waitingPosition(
  registration: Pick<ActivityRegistration, 'id' | 'sessionId' | 'status'>
) {
  if (registration.status !== 'waiting') return null
  const rows = await ActivityRegistration.query()
    .where('sessionId', registration.sessionId)
    .where('status', 'waiting')
    .where('id', '<', registration.id)
    .count('* as total')
  return Number(rows[0].$extras.total) + 1
}
