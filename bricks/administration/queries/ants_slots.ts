import type { DateTime } from 'luxon'
import parvisConfig from '#config/parvis'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { availableSlotsByPoint, type Slot } from '#appointments/services/slots'
import { parisWallClock } from '#core/services/paris_time'
import { brickUrls } from '#core/http/route_url'
import { TITLE_TYPE } from '../appointments.js'
import type { SlotSearch } from '../validators/ants_api.js'

/** ANTS's convention: Paris wall-clock time followed by a literal Z (see ../shared/specs/ants.md, 1.2). */
export function antsDateTime(value: DateTime) {
  return `${parisWallClock(value.toMillis())}Z`
}

/**
 * Free ID-appointment slots of the asked meeting points (of the service, active),
 * as the hub wants them: per point, each slot with the link that opens the
 * booking on the portal with the point, slot, reason and persons chosen.
 */
export async function antsAvailableSlots(pointIds: string[], search: SlotSearch, service: string) {
  const type = await MeetingType.query().where('key', TITLE_TYPE).where('active', true).first()
  const points = pointIds.length
    ? await MeetingPoint.query()
        .whereIn('id', pointIds.map(Number).filter(Number.isSafeInteger))
        .where('serviceSlug', service)
        .where('active', true)
    : []
  const booking = `${parvisConfig.appUrl}${brickUrls('administration').front('titre.start')}`
  const answer: Record<string, { datetime: string; callback_url: string }[]> = {}
  // One load for all the points (three queries), then one pass per point.
  const free =
    type && search.persons <= type.maxPersons && points.length
      ? await availableSlotsByPoint(points, type, search.persons, search.start, search.end)
      : new Map<number, Slot[]>()
  const motif = encodeURIComponent(search.reason)
  for (const point of points) {
    answer[String(point.id)] = (free.get(point.id) ?? []).map((slot) => {
      const local = parisWallClock(slot.start.toMillis())
      return {
        datetime: `${local}Z`,
        callback_url: `${booking}?lieu=${point.id}&debut=${encodeURIComponent(local)}&motif=${motif}&personnes=${search.persons}`,
      }
    })
  }
  return answer
}
