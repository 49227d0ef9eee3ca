import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { clock } from '#core/clock'
import ActivitySession from '../models/activity_session.js'
import ActivityRegistration from '../models/activity_registration.js'
import { RegistrationRefusedError, lockSession, placedSeats } from '../services/places.js'

export interface ParticipantInput {
  /** the module registering: only its own sessions can be chosen */
  owner: string
  sessionId: number
  /** the account that registers (null at the counter for someone without one) */
  userId: number | null
  /** the household member taking part (null: the account holder, or someone at the counter) */
  householdMemberId: number | null
  birthDate: DateTime | null
  /** age range already established otherwise (a retirement attestation checked by an agent) */
  ageWaived?: boolean
  /** places taken: 1, or 2 with a companion */
  seats?: number
  now?: DateTime
  /** the owner's own record of the registration, written in the same transaction */
  afterCreate?: (
    trx: TransactionClientContract,
    registration: ActivityRegistration
  ) => Promise<void>
}

function ageOn(birthDate: DateTime, on: string) {
  return Math.floor(DateTime.fromISO(on).diff(birthDate, 'years').years)
}

/**
 * Registers someone to a session, for whichever module runs it. Checks the
 * session is open, the registration window and the age range; then, with
 * the session row locked so that two people cannot take the last place
 * together, gives a place (when all its seats fit) or puts them on the
 * waiting list, whose order is the order of registration.
 */
export default async function registerParticipant(input: ParticipantInput) {
  const now = input.now ?? clock.now()
  const seats = input.seats ?? 1
  const session = await ActivitySession.query()
    .where('id', input.sessionId)
    .where('owner', input.owner)
    .preload('activity')
    .first()
  if (!session) throw new RegistrationRefusedError('unknown_session')
  if (!session.activity.active || session.closed)
    throw new RegistrationRefusedError('session_closed')
  const today = now.setZone('Europe/Paris').toISODate()!
  if (today < session.activity.opensOn || today > session.activity.closesOn)
    throw new RegistrationRefusedError('closed')
  if (!input.ageWaived) {
    if (!input.birthDate) throw new RegistrationRefusedError('no_birth_date')
    const age = ageOn(input.birthDate, session.startsOn)
    if (age < session.activity.minAge) throw new RegistrationRefusedError('too_young')
    if (age > session.activity.maxAge) throw new RegistrationRefusedError('too_old')
  }

  return db.transaction(async (trx) => {
    await lockSession(trx, session.id)
    if (input.userId !== null) {
      const existing = await ActivityRegistration.query({ client: trx })
        .where('sessionId', session.id)
        .where('userId', input.userId)
        .where((query) =>
          input.householdMemberId === null
            ? query.whereNull('householdMemberId')
            : query.where('householdMemberId', input.householdMemberId)
        )
        .whereIn('status', ['placed', 'waiting'])
        .first()
      if (existing) throw new RegistrationRefusedError('already_registered')
    }
    const placed = await placedSeats(trx, session.id)
    const registration = await ActivityRegistration.create(
      {
        owner: input.owner,
        sessionId: session.id,
        householdMemberId: input.householdMemberId,
        userId: input.userId,
        seats,
        status: placed + seats <= session.capacity ? 'placed' : 'waiting',
        attendance: {},
      },
      { client: trx }
    )
    if (input.afterCreate) await input.afterCreate(trx, registration)
    return registration
  })
}
