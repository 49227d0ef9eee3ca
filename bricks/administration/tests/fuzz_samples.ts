import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import BookAppointment from '#appointments/actions/book_appointment'
import { firstFreeSlot } from '#tests/support/factories/appointments'
import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { TITLE_TYPE } from '../appointments.js'

/**
 * The records the formalities' routes need in the forms fuzzer
 * (tests/functional/fuzz): two title appointments at the demo's état civil
 * counter, one with its ANTS numbers, and a booking under way in each flow.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident }) => {
  const point = await MeetingPoint.query()
    .where('serviceSlug', 'etat_civil')
    .orderBy('id')
    .firstOrFail()
  const titleType = await MeetingType.findByOrFail('key', TITLE_TYPE)
  const applicant = {
    userId: resident.id,
    firstName: resident.firstName,
    lastName: resident.lastName,
    email: resident.email,
    phone: null,
  }
  const slot = await firstFreeSlot(point, titleType, 1, 7)
  const appointment = await new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: titleType.id,
    persons: 1,
    start: slot.start,
    applicant,
    details: { applicationIds: ['1234567890'] },
  })
  const later = await firstFreeSlot(point, titleType, 1, 9)
  const spare = await new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: titleType.id,
    persons: 1,
    start: later.start,
    applicant,
  })
  const at = slot.start.toUTC().toISO()
  return {
    params: {
      '/agents/formalites/rendez-vous/:id/presence': [{ params: { id: appointment.id } }],
      '/agents/formalites/rendez-vous/:id/annuler': [{ params: { id: spare.id } }],
      // The resident's pages of a title appointment, with its ANTS numbers.
      '/rendez-vous/:id': [{ params: { id: appointment.id } }],
      '/rendez-vous/:id/deplacer': [{ params: { id: appointment.id } }],
      '/agents/admin/agendas/lieux/:id': [{ params: { id: point.id } }],
      '/agents/admin/agendas/types/:id': [{ params: { id: titleType.id } }],
    },
    session: {
      appointment_grants: [appointment.id, spare.id],
      booking_titre: {
        reason: 'CNI',
        persons: 1,
        applicationIds: ['1234567890'],
        pointId: point.id,
        slot: at,
      },
      booking_retrait: { persons: 1, pointId: point.id, slot: at },
    },
    kept: [{ who: 'resident', page: '/formalites/rendez-vous-titre/coordonnees' }],
  }
}

export default fuzzSamples
