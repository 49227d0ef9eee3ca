import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import MeetingType from '#appointments/models/meeting_type'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

export const WAITING_PAGE_SIZE = 50

/**
 * Closes the entries that waited longer than their type's booking horizon
 * (maxDelayDays): a slot that far ahead was open to them when they joined, so
 * the wait has lost its point. Run whenever entries are read (the resident's
 * list, the agents' list, the alert), so no stale entry is shown or alerted.
 */
export async function expireWaitingEntries(now: DateTime = clock.now()) {
  const types = await MeetingType.query().select('id', 'maxDelayDays')
  let expired = 0
  for (const type of types) {
    expired += Number(
      await db
        .from('waiting_list_entries')
        .where('meeting_type_id', type.id)
        .where('status', 'waiting')
        .where('created_at', '<', dbTimestamp(now.minus({ days: type.maxDelayDays }).toUTC()))
        .update({ status: 'expired' })
    )
  }
  return expired
}

/** The waits of a resident still open, with their type and point, oldest first. */
export async function residentWaitingEntries(userId: number) {
  await expireWaitingEntries()
  return WaitingListEntry.query()
    .where('userId', userId)
    .where('status', 'waiting')
    .preload('meetingType')
    .preload('meetingPoint')
    .orderBy('id')
}

export interface WaitingFilters {
  typeId: number | null
  pointId: number | null
}

/**
 * A page of the open waiting list of the agent's services' types, first come
 * first, after the id `after` (keyset); whether more remain.
 */
export async function waitingPage(
  serviceSlugs: string[],
  filters: WaitingFilters,
  after: number | null
) {
  await expireWaitingEntries()
  const query = WaitingListEntry.query()
    .where('status', 'waiting')
    .whereIn('meetingTypeId', MeetingType.query().select('id').whereIn('serviceSlug', serviceSlugs))
    .preload('meetingType')
    .preload('meetingPoint')
    .orderBy('id')
    .limit(WAITING_PAGE_SIZE + 1)
  if (after) query.where('id', '>', after)
  if (filters.typeId) query.where('meetingTypeId', filters.typeId)
  if (filters.pointId)
    query.where((points) =>
      points.where('meetingPointId', filters.pointId!).orWhereNull('meetingPointId')
    )
  const rows = await query
  return { entries: rows.slice(0, WAITING_PAGE_SIZE), more: rows.length > WAITING_PAGE_SIZE }
}
