import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import ActivityRegistration from '#activities/models/activity_registration'
import SeniorRegistration from '../models/senior_registration.js'
import { outing } from './support.js'

/**
 * The records the seniors' routes need in the forms fuzzer: an outing and
 * two registrations of the resident (one to cancel, one for the shuttle).
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident }) => {
  const { session } = await outing({ capacity: 20, name: 'Sortie du fuzzer' })
  const registration = async (pickupAddress: string) => {
    const row = await ActivityRegistration.create({
      owner: 'social',
      sessionId: session.id,
      householdMemberId: null,
      userId: resident.id,
      status: 'placed',
      seats: 1,
      attendance: {},
    })
    await SeniorRegistration.create({
      registrationId: row.id,
      participantName: `${resident.firstName} ${resident.lastName}`,
      emergencyContact: 'Voisin',
      companion: false,
      shuttle: true,
      pickupAddress,
      retirementChecked: false,
    })
    return row.id
  }
  const own = await registration('1 rue du Fuzz')
  const agents = await registration('2 rue du Fuzz')
  return {
    params: {
      '/solidarites/seniors/inscriptions/:id/annuler': [{ params: { id: own } }],
      '/agents/solidarites/seniors/seances/:id': [{ params: { id: session.id } }],
      '/agents/solidarites/seniors/seances/:id/imprimer': [{ params: { id: session.id } }],
      '/agents/solidarites/seniors/seances/:id/participants.csv': [{ params: { id: session.id } }],
      '/agents/solidarites/seniors/seances/:id/presences': [{ params: { id: session.id } }],
      '/agents/solidarites/seniors/inscriptions/:id/annuler': [{ params: { id: agents } }],
      '/agents/solidarites/seniors/inscriptions/:id/ramassage': [{ params: { id: agents } }],
    },
  }
}

export default fuzzSamples
