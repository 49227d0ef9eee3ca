import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import type MeetingType from '#appointments/models/meeting_type'
import BookAppointment from '#appointments/actions/book_appointment'
import type { HousingPurpose } from '../services/housing.js'

/**
 * A resident books the housing adviser: the appointments engine books the
 * slot (and sends its confirmation); the purpose and the national number
 * are kept in the appointment's details, which only the social service's
 * agents read.
 */
export default class BookHousingAppointment {
  async handle(
    user: User,
    type: MeetingType,
    choice: { pointId: number; start: DateTime; purpose: HousingPurpose; number: string | null }
  ) {
    return new BookAppointment().handle({
      meetingPointId: choice.pointId,
      meetingTypeId: type.id,
      persons: 1,
      start: choice.start,
      applicant: {
        userId: user.id,
        firstName: user.firstName,
        lastName: user.lastName,
        email: user.email,
        phone: user.phone ?? null,
      },
      details: { purpose: choice.purpose, applicationNumber: choice.number },
    })
  }
}
