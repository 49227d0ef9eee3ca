import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import BookAppointment from '#appointments/actions/book_appointment'
import { firstFreeSlot } from '#tests/support/factories/appointments'
import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'

const TYPE_KEY = 'urbanisme-fuzz'

/**
 * The records the appointments module's routes need in the forms fuzzer
 * (tests/functional/fuzz): an urbanisme desk and a type residents book on
 * /rendez-vous/urbanisme-fuzz (a service without a brick), one appointment
 * of the resident that agents open and move, one wait the resident leaves,
 * and a booking under way.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident }) => {
  const point = await MeetingPoint.create({
    name: 'Pôle urbanisme (essai)',
    addressLine: '1 place des Droits de l’Homme',
    postalCode: '91000',
    city: 'Évry-Courcouronnes',
    serviceSlug: 'urbanisme',
    desks: 2,
    active: true,
    accessNotes: null,
    latitude: null,
    longitude: null,
  })
  await OpeningRange.createMany(
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      meetingPointId: point.id,
      desk: null,
      weekday,
      startsAt: '08:00',
      endsAt: '18:00',
    }))
  )
  const type = await MeetingType.create({
    key: TYPE_KEY,
    label: 'Conseil en urbanisme',
    serviceSlug: 'urbanisme',
    durationMinutes: 30,
    perPerson: false,
    maxPersons: 2,
    bookableBy: 'resident',
    minDelayHours: 2,
    maxDelayDays: 60,
    cancelDeadlineHours: 24,
    waitingList: true,
    active: true,
  })
  const slot = await firstFreeSlot(point, type, 1, 7)
  const appointment = await new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: type.id,
    persons: 1,
    start: slot.start,
    applicant: {
      userId: resident.id,
      firstName: resident.firstName,
      lastName: resident.lastName,
      email: resident.email,
      phone: null,
    },
  })
  const entry = await WaitingListEntry.create({
    meetingTypeId: type.id,
    meetingPointId: point.id,
    persons: 1,
    userId: resident.id,
    email: resident.email,
    firstName: resident.firstName,
    status: 'waiting',
  })
  const later = await firstFreeSlot(point, type, 1, 9)
  const byType = [{ params: { type: TYPE_KEY } }]
  return {
    params: {
      '/rendez-vous/:type': byType,
      '/rendez-vous/:type/creneau': byType,
      '/rendez-vous/:type/coordonnees': byType,
      '/rendez-vous/:type/liste-attente': byType,
      '/agents/rendez-vous/:id': [{ params: { id: appointment.id } }],
      '/agents/rendez-vous/:id/deplacer': [{ params: { id: appointment.id } }],
      '/mon-espace/liste-attente/:id/quitter': [{ params: { id: entry.id } }],
    },
    session: {
      [`booking_type_${TYPE_KEY}`]: {
        pointId: point.id,
        persons: 1,
        slot: later.start.toUTC().toISO(),
      },
    },
    kept: [{ who: 'resident', page: `/rendez-vous/${TYPE_KEY}/coordonnees` }],
  }
}

export default fuzzSamples
