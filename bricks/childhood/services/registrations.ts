import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import HouseholdMember from '#accounts/models/household_member'
import User from '#accounts/models/user'
import { lockForUpdate } from '#core/database/dialect'
import { queueMail } from '#notifications/queue_mail'
import parvisConfig from '#config/parvis'
import ActivitySession from '../models/activity_session.js'
import Activity from '../models/activity.js'
import Registration from '../models/registration.js'
import { clock } from '#core/clock'

export type RegistrationRefusal =
  | 'not_your_child'
  | 'closed'
  | 'too_young'
  | 'too_old'
  | 'no_birth_date'
  | 'already_registered'
  | 'unknown_session'
  | 'session_closed'

export class RegistrationRefusedError extends Error {
  constructor(public reason: RegistrationRefusal) {
    super(`Registration refused: ${reason}`)
  }
}

function ageOn(birthDate: DateTime, on: string) {
  return Math.floor(DateTime.fromISO(on).diff(birthDate, 'years').years)
}

/**
 * Registers a child of the family to a session. Checks who, when and how
 * old; then, with the session row locked so that two families cannot take
 * the last place together, gives a place or puts the child on the waiting
 * list (its position is its rank among those waiting).
 */
export async function registerChild(input: {
  sessionId: number
  childId: number
  user: User
  now?: DateTime
}) {
  const now = input.now ?? clock.now()
  const child = await HouseholdMember.query()
    .where('id', input.childId)
    .where('userId', input.user.id)
    .where('kind', 'child')
    .first()
  if (!child) throw new RegistrationRefusedError('not_your_child')
  const session = await ActivitySession.query()
    .where('id', input.sessionId)
    .preload('activity')
    .first()
  if (!session) throw new RegistrationRefusedError('unknown_session')
  if (!session.activity.active || session.closed)
    throw new RegistrationRefusedError('session_closed')
  const today = now.setZone('Europe/Paris').toISODate()!
  if (today < session.activity.opensOn || today > session.activity.closesOn)
    throw new RegistrationRefusedError('closed')
  if (!child.birthDate) throw new RegistrationRefusedError('no_birth_date')
  const age = ageOn(child.birthDate, session.startsOn)
  if (age < session.activity.minAge) throw new RegistrationRefusedError('too_young')
  if (age > session.activity.maxAge) throw new RegistrationRefusedError('too_old')

  return db.transaction(async (trx) => {
    await lockForUpdate(
      ActivitySession.query({ client: trx }).where('id', session.id),
      trx
    ).firstOrFail()
    const existing = await Registration.query({ client: trx })
      .where('sessionId', session.id)
      .where('householdMemberId', child.id)
      .whereIn('status', ['placed', 'waiting'])
      .first()
    if (existing) throw new RegistrationRefusedError('already_registered')
    const placed = await placedCount(trx, session.id)
    return Registration.create(
      {
        sessionId: session.id,
        householdMemberId: child.id,
        userId: input.user.id,
        status: placed < session.capacity ? 'placed' : 'waiting',
        attendance: {},
      },
      { client: trx }
    )
  })
}

async function placedCount(trx: TransactionClientContract, sessionId: number) {
  const rows = await Registration.query({ client: trx })
    .where('sessionId', sessionId)
    .where('status', 'placed')
    .count('* as total')
  return Number(rows[0].$extras.total)
}

/** 1 for the first child waiting, then 2…; null when the child has a place or left. */
export async function waitingPosition(registration: Registration) {
  if (registration.status !== 'waiting') return null
  const rows = await Registration.query()
    .where('sessionId', registration.sessionId)
    .where('status', 'waiting')
    .where('id', '<', registration.id)
    .count('* as total')
  return Number(rows[0].$extras.total) + 1
}

/**
 * A registration ends (the family cancels, or an agent refuses it): if it
 * held a place, the first child waiting gets it, in the same transaction,
 * and that family is told by mail.
 */
export async function endRegistration(id: number, status: 'cancelled' | 'refused') {
  return db.transaction(async (trx) => {
    const current = await Registration.query({ client: trx }).where('id', id).firstOrFail()
    await lockForUpdate(
      ActivitySession.query({ client: trx }).where('id', current.sessionId),
      trx
    ).firstOrFail()
    const registration = await Registration.query({ client: trx }).where('id', id).firstOrFail()
    if (registration.status === 'cancelled' || registration.status === 'refused')
      return { registration, promoted: null }
    const hadPlace = registration.status === 'placed'
    registration.useTransaction(trx)
    registration.status = status
    await registration.save()
    let promoted: Registration | null = null
    if (hadPlace) {
      const session = await ActivitySession.query({ client: trx })
        .where('id', registration.sessionId)
        .preload('activity')
        .firstOrFail()
      if ((await placedCount(trx, session.id)) < session.capacity) {
        promoted = await Registration.query({ client: trx })
          .where('sessionId', session.id)
          .where('status', 'waiting')
          .orderBy('id')
          .first()
        if (promoted) {
          promoted.useTransaction(trx)
          promoted.status = 'placed'
          await promoted.save()
          await tellPromotion(trx, promoted, session.activity, session)
        }
      }
    }
    return { registration, promoted }
  })
}

async function tellPromotion(
  trx: TransactionClientContract,
  registration: Registration,
  activity: Activity,
  session: ActivitySession
) {
  const user = await User.find(registration.userId, { client: trx })
  const child = await HouseholdMember.find(registration.householdMemberId, { client: trx })
  if (!user || !child) return
  await queueMail(
    {
      to: user.email,
      locale: user.locale,
      subject: 'childhood.mail.promoted_subject',
      subjectData: { child: child.firstName },
      view: 'childhood::emails/promoted',
      data: { user, child, activity, session, link: `${parvisConfig.appUrl}/enfance` },
    },
    trx
  )
}

/**
 * After the service gives a session more places: the children waiting get
 * them in order of registration, in the caller's transaction (the session
 * row locked), and each family is told by mail.
 */
export async function fillFreedPlaces(trx: TransactionClientContract, sessionId: number) {
  const session = await lockForUpdate(
    ActivitySession.query({ client: trx }).where('id', sessionId).preload('activity'),
    trx
  ).firstOrFail()
  const free = session.capacity - (await placedCount(trx, session.id))
  if (free <= 0) return []
  const promoted = await Registration.query({ client: trx })
    .where('sessionId', session.id)
    .where('status', 'waiting')
    .orderBy('id')
    .limit(free)
  for (const registration of promoted) {
    registration.useTransaction(trx)
    registration.status = 'placed'
    await registration.save()
    await tellPromotion(trx, registration, session.activity, session)
  }
  return promoted
}
