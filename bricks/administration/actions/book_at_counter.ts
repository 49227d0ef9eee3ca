import { DateTime } from 'luxon'
import type Agent from '#accounts/models/agent'
import type MeetingType from '#appointments/models/meeting_type'
import BookAppointment from '#appointments/actions/book_appointment'
import { clock } from '#core/clock'
import type { CounterBooking } from '../validators/agenda.js'

/**
 * An appointment an agent books for someone at the counter or on the phone:
 * the same agenda and checks as online, recorded with its origin and agent.
 * Throws what BookAppointment throws (slot taken, slot not offered).
 */
export default class BookAtCounter {
  async handle(
    booking: CounterBooking,
    type: MeetingType,
    agent: Agent,
    details: Record<string, unknown>
  ) {
    return new BookAppointment().handle({
      meetingPointId: booking.point,
      meetingTypeId: type.id,
      persons: booking.persons,
      start: DateTime.fromISO(booking.slot, { zone: 'utc' }),
      applicant: {
        userId: null,
        firstName: booking.firstName,
        lastName: booking.lastName,
        email: booking.email ?? null,
        phone: booking.phone ?? null,
      },
      details,
      origin: booking.origin,
      bookedByAgentId: agent.id,
      // At the desk, agents may book inside the residents' minimum delay.
      now: clock.now().minus({ hours: type.minDelayHours }),
    })
  }
}
