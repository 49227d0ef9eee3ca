import type { DateTime } from 'luxon'
import parvisConfig from '#config/parvis'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { availableSlots, ZONE } from '#appointments/services/slots'
import { brickUrls } from '#core/http/route_url'
import { TITLE_TYPE } from '../appointments.js'
import type { SlotSearch } from '../validators/ants_api.js'

/** ANTS's convention: Paris wall-clock time followed by a literal Z (see ../shared/specs/ants.md, 1.2). */
export function antsDateTime(value: DateTime) {
  return `${value.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm")}Z`
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
  for (const point of points) {
    const slots =
      type && search.persons <= type.maxPersons
        ? await availableSlots(point, type, search.persons, search.start, search.end)
        : []
    answer[String(point.id)] = slots.map((slot) => {
      const local = slot.start.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm")
      return {
        datetime: antsDateTime(slot.start),
        callback_url: `${booking}?lieu=${point.id}&debut=${encodeURIComponent(local)}&motif=${encodeURIComponent(search.reason)}&personnes=${search.persons}`,
      }
    })
  }
  return answer
}
