import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import HouseholdMember from '#accounts/models/household_member'
import User from '#accounts/models/user'
import { activitiesEngine } from '#activities/engine'
import type ActivityRegistration from '#activities/models/activity_registration'
import CoreSession from '#activities/models/activity_session'
import { RegistrationRefusedError } from '#activities/services/places'
import db from '@adonisjs/lucid/services/db'
import { publishEvent } from '#jobs/events'
import { clock, CITY_ZONE } from '#core/clock'
import { queueMail } from '#notifications/queue_mail'
import parvisConfig from '#config/parvis'
import Registration from '../models/registration.js'

export { RegistrationRefusedError }

/** Childhood's data belongs to its service. */
const SERVICE = 'enfance'

export type RegistrationRefusal =
  | 'not_your_child'
  | 'closed'
  | 'too_young'
  | 'too_old'
  | 'no_birth_date'
  | 'already_registered'
  | 'unknown_session'
  | 'session_closed'

/**
 * Registers a child of the family to a session, through the activities
 * engine (window, age range, places under lock, waiting list); childhood
 * adds only that the child must be one of the family's.
 */
export async function registerChild(input: {
  sessionId: number
  childId: number
  user: User
  now?: DateTime
}) {
  const child = await HouseholdMember.query()
    .where('id', input.childId)
    .where('userId', input.user.id)
    .where('kind', 'child')
    .first()
  if (!child) throw new RegistrationRefusedError('not_your_child')
  const created = await activitiesEngine.register({
    owner: 'childhood',
    sessionId: input.sessionId,
    userId: input.user.id,
    householdMemberId: child.id,
    birthDate: child.birthDate,
    now: input.now,
    afterCreate: (trx, registration) =>
      publishRegistration('registration.created', registration, trx),
  })
  return (await Registration.find(created.id))!
}

/** 1 for the first child waiting, then 2…; null when the child has a place or left. */
export function waitingPosition(registration: Registration) {
  return activitiesEngine.waitingPosition(registration)
}

/** Tells a family that their child waiting got a place. */
async function tellPromotion(
  trx: TransactionClientContract,
  registration: ActivityRegistration,
  session: CoreSession
) {
  const user = registration.userId ? await User.find(registration.userId, { client: trx }) : null
  const child = registration.householdMemberId
    ? await HouseholdMember.find(registration.householdMemberId, { client: trx })
    : null
  if (!user || !child) return
  await queueMail(
    {
      to: user.email,
      locale: user.locale,
      subject: 'childhood.mail.promoted_subject',
      subjectData: { child: child.firstName },
      view: 'childhood::emails/promoted',
      data: {
        user,
        child,
        activity: session.activity,
        session,
        link: `${parvisConfig.appUrl}/enfance`,
      },
    },
    trx
  )
}

/**
 * A registration ends (the family cancels, or an agent refuses it): the
 * engine gives its place to the first child waiting and childhood tells
 * that family by mail.
 */
export async function endRegistration(id: number, status: 'cancelled' | 'refused') {
  const { registration, promoted } = await db.transaction(async (trx) => {
    const before = await Registration.query({ client: trx }).where('id', id).firstOrFail()
    const ended = await activitiesEngine.end(id, status, tellPromotion, trx)
    if (before.status === 'placed' || before.status === 'waiting')
      await publishRegistration('registration.cancelled', ended.registration, trx)
    return ended
  })
  return { registration, promoted: promoted[0] ?? null }
}

/**
 * Tells whoever carries events out (the webhooks of /api/v1, declared in
 * the manifest) that a child was registered, or that a registration ended
 * (`status`: cancelled by the family, refused by the service), in the
 * transaction of the change, as the enfance service's data.
 */
async function publishRegistration(
  type: 'registration.created' | 'registration.cancelled',
  registration: ActivityRegistration,
  trx: TransactionClientContract
) {
  const session = await CoreSession.find(registration.sessionId, { client: trx })
  await publishEvent(
    {
      type,
      service: SERVICE,
      data: {
        registration_id: registration.id,
        status: registration.status,
        session_id: registration.sessionId,
        activity_id: session?.activityId ?? null,
        child_id: registration.householdMemberId,
        family_id: registration.userId,
        at: clock.now().setZone(CITY_ZONE).toISO(),
      },
    },
    trx
  )
}

/** After the service gives a session more places: those waiting get them, families told. */
export function fillFreedPlaces(trx: TransactionClientContract, sessionId: number) {
  return activitiesEngine.fillFreedPlaces(trx, sessionId, tellPromotion)
}
