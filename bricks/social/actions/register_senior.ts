import { DateTime } from 'luxon'
import HouseholdMember from '#accounts/models/household_member'
import type User from '#accounts/models/user'
import { activitiesEngine } from '#activities/engine'
import ActivitySession from '#activities/models/activity_session'
import { RegistrationRefusedError } from '#activities/services/places'
import SeniorRegistration from '../models/senior_registration.js'

export const OWNER = 'social'

export interface SeniorChoices {
  sessionId: number
  companion: boolean
  shuttle: boolean
  pickupAddress: string | null
  emergencyContact: string | null
  phone: string | null
}

/** What the activity offers decides which options can be taken. */
async function offered(sessionId: number) {
  const session = await ActivitySession.query()
    .where('id', sessionId)
    .where('owner', OWNER)
    .preload('activity')
    .first()
  if (!session) throw new RegistrationRefusedError('unknown_session')
  return {
    companion: session.activity.options.companion === true,
    shuttle: session.activity.options.shuttle === true,
  }
}

async function register(
  choices: SeniorChoices,
  who: {
    userId: number | null
    householdMemberId: number | null
    birthDate: DateTime | null
    name: string
    agentId?: number
    retirementChecked?: boolean
  }
) {
  const offer = await offered(choices.sessionId)
  if (choices.companion && !offer.companion) throw new RegistrationRefusedError('no_companion')
  if (choices.shuttle && !offer.shuttle) throw new RegistrationRefusedError('no_shuttle')
  if (choices.shuttle && !choices.pickupAddress) throw new RegistrationRefusedError('no_address')
  return activitiesEngine.register({
    owner: OWNER,
    sessionId: choices.sessionId,
    userId: who.userId,
    householdMemberId: who.householdMemberId,
    birthDate: who.birthDate,
    ageWaived: who.retirementChecked === true,
    seats: choices.companion ? 2 : 1,
    afterCreate: async (trx, registration) => {
      await SeniorRegistration.create(
        {
          registrationId: registration.id,
          participantName: who.name,
          phone: choices.phone,
          emergencyContact: choices.emergencyContact,
          companion: choices.companion,
          shuttle: choices.shuttle,
          pickupAddress: choices.shuttle ? choices.pickupAddress : null,
          agentId: who.agentId ?? null,
          retirementChecked: who.retirementChecked === true,
        },
        { client: trx }
      )
    },
  })
}

/**
 * A resident registers themselves (`memberId` null: age from their
 * profile's birth date) or a member of their household (a relative
 * registering their mother from their own account), through the shared
 * activities engine: places, waiting list, age range of 60 and over.
 */
export async function registerSenior(user: User, memberId: number | null, choices: SeniorChoices) {
  if (memberId === null)
    return register(choices, {
      userId: user.id,
      householdMemberId: null,
      birthDate: user.birthDate,
      name: `${user.firstName} ${user.lastName}`,
    })
  const member = await HouseholdMember.query()
    .where('id', memberId)
    .where('userId', user.id)
    .where('kind', 'adult')
    .first()
  if (!member) throw new RegistrationRefusedError('not_your_household')
  return register(choices, {
    userId: user.id,
    householdMemberId: member.id,
    birthDate: member.birthDate,
    name: member.fullName,
  })
}

/**
 * An agent registers, at the counter or on the phone, someone without an
 * account: age from the birth date given, or a retirement attestation the
 * agent has seen.
 */
export async function registerAtCounter(
  agentId: number,
  person: { name: string; birthDate?: string; retirementChecked?: boolean },
  choices: SeniorChoices
) {
  return register(choices, {
    userId: null,
    householdMemberId: null,
    birthDate: person.birthDate ? DateTime.fromISO(person.birthDate) : null,
    name: person.name,
    agentId,
    retirementChecked: person.retirementChecked,
  })
}
