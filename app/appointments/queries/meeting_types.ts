import db from '@adonisjs/lucid/services/db'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'

/** The open meeting points that offer a type: those an admin ticked, else every open point of its service. */
export async function pointsOfType(type: MeetingType) {
  const ticked = await db
    .from('meeting_type_points')
    .where('meeting_type_id', type.id)
    .select('meeting_point_id')
  const query = MeetingPoint.query()
    .where('serviceSlug', type.serviceSlug)
    .where('active', true)
    .orderBy('name')
  // Ticked points that all closed leave the type offered nowhere, not everywhere.
  if (ticked.length)
    query.whereIn(
      'id',
      ticked.map((row) => row.meeting_point_id)
    )
  return query
}

/** The type residents book on /rendez-vous/<key>, if it is open to them. */
export function bookableType(key: string) {
  return MeetingType.query()
    .where('key', key)
    .where('active', true)
    .where('bookableBy', 'resident')
    .first()
}

/** Every type with its ticked points, by service then name, for the admin's list. */
export function meetingTypesForAdmin() {
  return MeetingType.query().preload('points').orderBy('serviceSlug').orderBy('label')
}

/** Every type residents may book, by service then name, with the service's name: the /rendez-vous page. */
export async function bookableTypes() {
  const types = await MeetingType.query()
    .where('active', true)
    .where('bookableBy', 'resident')
    .orderBy('serviceSlug')
    .orderBy('label')
  const services = await db
    .from('services')
    .whereIn(
      'slug',
      types.map((type) => type.serviceSlug)
    )
    .select('slug', 'name')
  const names = new Map(services.map((service) => [service.slug, service.name as string]))
  return types.map((type) => ({ type, service: names.get(type.serviceSlug) ?? type.serviceSlug }))
}
