import type MeetingType from '#appointments/models/meeting_type'
import WaitingListEntry from '#appointments/models/waiting_list_entry'

export interface WaitingListRequest {
  email: string
  firstName: string
  /** The meeting point the resident was looking at; null waits for any. */
  pointId: number | null
  persons: number
  userId: number | null
}

/**
 * "Tell me when a slot frees up" for a type booked on /rendez-vous/<key>:
 * one entry per person and type and point (asking twice keeps the first, so
 * the place in the queue is not lost).
 */
export default class JoinTypeWaitingList {
  async handle(type: MeetingType, request: WaitingListRequest) {
    const existing = await WaitingListEntry.query()
      .where('meetingTypeId', type.id)
      .where('status', 'waiting')
      .where('email', request.email)
      .where((query) =>
        request.pointId === null
          ? query.whereNull('meetingPointId')
          : query.where('meetingPointId', request.pointId)
      )
      .first()
    if (existing) return existing
    return WaitingListEntry.create({
      meetingTypeId: type.id,
      meetingPointId: request.pointId,
      persons: Math.min(request.persons, type.maxPersons),
      userId: request.userId,
      email: request.email,
      firstName: request.firstName,
      status: 'waiting',
    })
  }
}
