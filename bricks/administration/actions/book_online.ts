import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import type MeetingType from '#appointments/models/meeting_type'
import BookAppointment from '#appointments/actions/book_appointment'
import type { REASONS } from '../validators/booking.js'

/** The two online flows: an ID-card / passport appointment, or picking up the document. */
export type Flow = 'titre' | 'retrait'

/** What the resident chose so far, step by step, kept in the session until the booking is made. */
export interface BookingState {
  reason?: (typeof REASONS)[number]
  persons: number
  applicationIds?: string[]
  antsStatuses?: Record<string, string>
  pointId?: number
  slot?: string
  contact?: { firstName: string; lastName: string; email: string; phone?: string }
}

/**
 * The appointment a resident books online once every step is done: the
 * session's choices and the contact details just given; an ID appointment
 * keeps the reason and the ANTS numbers checked. Throws what BookAppointment
 * throws (slot taken, slot not offered).
 */
export default class BookOnline {
  async handle(flow: Flow, state: BookingState, type: MeetingType, user: User | null) {
    const contact = state.contact!
    return new BookAppointment().handle({
      meetingPointId: state.pointId!,
      meetingTypeId: type.id,
      persons: state.persons,
      start: DateTime.fromISO(state.slot!, { zone: 'utc' }),
      applicant: {
        userId: user?.id ?? null,
        firstName: contact.firstName,
        lastName: contact.lastName,
        email: contact.email,
        phone: contact.phone ?? null,
      },
      details:
        flow === 'titre'
          ? {
              reason: state.reason,
              applicationIds: state.applicationIds,
              antsStatuses: state.antsStatuses,
            }
          : {},
    })
  }
}
