import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
<<<<<<< HEAD
import { mergeFuzzSamples } from '#tests/support/fuzz_samples'
import registerSamples from './fuzz_samples_register.js'
import seniorsSamples from './fuzz_samples_seniors.js'
import confidentialSamples from './fuzz_samples_confidential.js'

/** The records the brick's routes point to in the forms fuzzer, part by part. */
const fuzzSamples: FuzzSamplesBuilder = async (core) =>
  mergeFuzzSamples([
    await registerSamples(core),
    await seniorsSamples(core),
    await confidentialSamples(core),
  ])
=======
import Demand from '#demands/models/demand'
import { clock } from '#core/clock'
import AidDecision from '../models/aid_decision.js'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { HOUSING_TYPE } from '../services/housing.js'

/**
 * The records the social routes need in the forms fuzzer: an aid request of
 * the demo resident before the commission, with its commission date and a
 * decision already given (so that the letter route has something to send).
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident }) => {
  const demand = await Demand.create({
    procedureKey: 'aide-ponctuelle',
    serviceSlug: 'solidarites',
    state: 'commission',
    origin: 'web',
    userId: resident.id,
    applicantFirstName: resident.firstName,
    applicantLastName: resident.lastName,
    applicantEmail: resident.email,
    answers: { aidType: 'food', situation: 'Essai', adults: 1, children: 0 },
    currentStep: 3,
    reference: 'PRV-2026-990001',
    submittedAt: clock.now(),
  })
  await AidDecision.create({
    demandId: demand.id,
    commissionOn: clock.today(),
    outcome: 'granted',
    amountCents: 10_000,
    decidedAt: clock.now(),
  })
  const id = { params: { id: demand.id } }
  const housing = await housingAppointment(resident)
  const appointment = { params: { id: housing.id } }
  return {
    params: {
      '/solidarites/aides/:id/decision.pdf': [id],
      '/agents/solidarites/aides/:id': [id],
      '/agents/solidarites/aides/:id/commission': [id],
      '/agents/solidarites/aides/:id/decision': [id],
      '/solidarites/logement/:id': [appointment],
      '/agents/solidarites/logement/:id': [appointment],
      '/agents/solidarites/logement/:id/issue': [appointment],
    },
  }
}

/** A housing appointment of the demo resident, at a point of the social service. */
async function housingAppointment(resident: {
  id: number
  firstName: string
  lastName: string
  email: string
}) {
  const point = await MeetingPoint.create({
    name: 'CCAS',
    addressLine: '1 place du CCAS',
    postalCode: '91000',
    city: 'Évry-Courcouronnes',
    serviceSlug: 'solidarites',
    desks: 1,
    active: true,
    accessNotes: null,
    latitude: 48.6,
    longitude: 2.4,
  })
  const type = await MeetingType.firstOrCreate(
    { key: HOUSING_TYPE },
    {
      label: 'Logement social',
      serviceSlug: 'solidarites',
      durationMinutes: 30,
      perPerson: false,
      maxPersons: 1,
      bookableBy: 'resident',
      minDelayHours: 2,
      maxDelayDays: 60,
      cancelDeadlineHours: 24,
      waitingList: false,
      active: true,
    }
  )
  const startsAt = clock
    .now()
    .plus({ days: 5 })
    .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
  return Appointment.create({
    meetingPointId: point.id,
    meetingTypeId: type.id,
    desk: 1,
    startsAt,
    endsAt: startsAt.plus({ minutes: 30 }),
    status: 'booked',
    persons: 1,
    userId: resident.id,
    firstName: resident.firstName,
    lastName: resident.lastName,
    email: resident.email,
    phone: null,
    details: { purpose: 'file', applicationNumber: null },
    origin: 'web',
  })
}
>>>>>>> confidential

export default fuzzSamples
