import HouseholdMember from '#accounts/models/household_member'
import Activity from '../models/activity.js'
import CanteenRegistration from '../models/canteen_registration.js'
import Quotient from '../models/quotient.js'
import Registration from '../models/registration.js'
import { familyBand } from '../services/bands.js'
import { waitingPosition } from '../services/registrations.js'

/** The family's children, eldest first. */
export async function childrenOf(userId: number) {
  return HouseholdMember.query().where('userId', userId).where('kind', 'child').orderBy('birthDate')
}

/** The family's latest quotient familial, whatever its status. */
export async function latestQuotient(userId: number) {
  return Quotient.query().where('userId', userId).orderBy('id', 'desc').first()
}

/**
 * What /enfance shows a family: its children, their current registrations
 * (with the place on the waiting list of those waiting), canteen
 * registrations, latest quotient and the band it pays.
 */
export async function familyOverview(userId: number) {
  const children = await childrenOf(userId)
  const registrations = await Registration.query()
    .where('userId', userId)
    .whereIn('status', ['placed', 'waiting'])
    .preload('session', (session) => session.preload('activity'))
    .orderBy('id')
  const positions = new Map<number, number | null>()
  for (const registration of registrations)
    positions.set(registration.id, await waitingPosition(registration))
  const canteen = await CanteenRegistration.query()
    .where('userId', userId)
    .where('status', 'active')
  const quotient = await latestQuotient(userId)
  const band = await familyBand(userId)
  return { children, registrations, positions, canteen, quotient, band }
}

/**
 * Activities whose registration window has not ended (closing today or
 * later), with their sessions; those the service closed are listed too,
 * shown closed.
 */
export async function openActivities(today: string) {
  return Activity.query()
    .where('closesOn', '>=', today)
    .preload('sessions', (sessions) => sessions.orderBy('startsOn'))
    .orderBy('kind')
    .orderBy('name')
}

/** How many children have a place, per session. */
export async function placedCounts() {
  const counts = new Map<number, number>()
  for (const row of await Registration.query()
    .where('status', 'placed')
    .select('session_id')
    .count('* as total')
    .groupBy('session_id'))
    counts.set(row.sessionId, Number(row.$extras.total))
  return counts
}
