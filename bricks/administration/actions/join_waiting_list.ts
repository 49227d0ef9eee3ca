import type User from '#accounts/models/user'
import type MeetingType from '#appointments/models/meeting_type'
import WaitingListEntry from '#appointments/models/waiting_list_entry'

export interface WaitingRequest {
  email: string
  firstName: string
  /** The meeting point the resident was looking at, if any: null waits for any. */
  pointId: number | null
  persons: number
}

/** "Tell me when a slot frees up": the resident waits for a slot of this type. */
export default class JoinWaitingList {
  async handle(type: MeetingType, request: WaitingRequest, user: User | null) {
    return WaitingListEntry.create({
      meetingTypeId: type.id,
      meetingPointId: request.pointId,
      persons: request.persons,
      userId: user?.id ?? null,
      email: request.email,
      firstName: request.firstName,
      status: 'waiting',
    })
  }
}
