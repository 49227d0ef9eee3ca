import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import HouseholdMember from '#accounts/models/household_member'
import type User from '#accounts/models/user'
import Activity from '#activities/models/activity'
import ActivitySession from '#activities/models/activity_session'
import ActivityRegistration from '#activities/models/activity_registration'
import { waitingPosition } from '#activities/queries/waiting_position'
import SeniorRegistration from '../models/senior_registration.js'
import { OWNER } from '../actions/register_senior.js'

/** Places taken per session of the seniors' activities (seats of those with a place). */
export async function seatsTaken(sessionIds: number[]) {
  const rows = await db
    .from('activity_registrations')
    .where('owner', OWNER)
    .whereIn('session_id', sessionIds.concat(0))
    .where('status', 'placed')
    .groupBy('session_id')
    .select('session_id')
    .sum('seats as total')
  return new Map(rows.map((row) => [Number(row.session_id), Number(row.total)]))
}

/** The activities residents can register to today, with their sessions to come. */
export async function openProgramme(today: string) {
  const activities = await Activity.query()
    .where('owner', OWNER)
    .where('active', true)
    .where('closesOn', '>=', today)
    .preload('sessions', (sessions) =>
      sessions.where('startsOn', '>=', today).where('closed', false).orderBy('startsOn')
    )
    .orderBy('name')
  const taken = await seatsTaken(activities.flatMap((a) => a.sessions.map((s) => s.id)))
  return { activities, taken }
}

/** Who a resident can register, as choices: themselves ("moi") and the adults of their household. */
export async function participantsOf(user: User) {
  const adults = await HouseholdMember.query()
    .where('userId', user.id)
    .where('kind', 'adult')
    .orderBy('firstName')
  return [
    { value: 'moi', label: `${user.firstName} ${user.lastName}` },
    ...adults.map((adult) => ({ value: String(adult.id), label: adult.fullName })),
  ]
}

/** The resident's registrations (for them or their relatives), newest first, with waiting positions. */
export async function ownRegistrations(userId: number) {
  const registrations = await ActivityRegistration.query()
    .where('owner', OWNER)
    .where('userId', userId)
    .whereIn('status', ['placed', 'waiting'])
    .preload('session', (session) => session.preload('activity'))
    .orderBy('id', 'desc')
    .limit(50)
  const details = await detailsOf(registrations.map((r) => r.id))
  return Promise.all(
    registrations.map(async (registration) => ({
      registration,
      details: details.get(registration.id)!,
      position: await waitingPosition(registration),
    }))
  )
}

export async function detailsOf(ids: number[]) {
  const rows = await SeniorRegistration.query().whereIn('registrationId', ids.concat(0))
  return new Map(rows.map((row) => [row.registrationId, row]))
}

/** A session of the seniors' activities, or null (another module's, or none). */
export function seniorSession(id: number) {
  return ActivitySession.query().where('id', id).where('owner', OWNER).preload('activity').first()
}

/** The seasons of the programme, newest first. */
export async function seasons() {
  const rows = await db
    .from('activities')
    .where('owner', OWNER)
    .whereNotNull('season')
    .distinct('season')
    .orderBy('season', 'desc')
  return rows.map((row) => String(row.season))
}

/** The programme of a season for agents: each activity, its sessions and places taken. */
export async function seasonProgramme(season: string | null) {
  const query = Activity.query()
    .where('owner', OWNER)
    .preload('sessions', (sessions) => sessions.orderBy('startsOn'))
    .orderBy('name')
  if (season) query.where('season', season)
  const activities = await query
  const taken = await seatsTaken(activities.flatMap((a) => a.sessions.map((s) => s.id)))
  return { activities, taken }
}

export interface ParticipantRow {
  registration: ActivityRegistration
  details: SeniorRegistration
  /** the account that registered (themselves or a relative), when there is one */
  account: string | null
  accountPhone: string | null
}

/** A session's lists: with a place (with emergency contact), waiting, and the shuttle's round. */
export async function sessionLists(session: ActivitySession) {
  const registrations = await ActivityRegistration.query()
    .where('sessionId', session.id)
    .where('owner', OWNER)
    .whereIn('status', ['placed', 'waiting'])
    .preload('user')
    .orderBy('id')
  const details = await detailsOf(registrations.map((r) => r.id))
  const rows: ParticipantRow[] = registrations.map((registration) => ({
    registration,
    details: details.get(registration.id)!,
    account: registration.user
      ? `${registration.user.firstName} ${registration.user.lastName}`
      : null,
    accountPhone: registration.user?.phone ?? null,
  }))
  const placed = rows.filter((row) => row.registration.status === 'placed')
  const waiting = rows.filter((row) => row.registration.status === 'waiting')
  const shuttle = placed
    .filter((row) => row.details.shuttle)
    .sort(
      (a, b) =>
        (a.details.pickupOrder ?? 10_000) - (b.details.pickupOrder ?? 10_000) ||
        a.registration.id - b.registration.id
    )
  const seats = placed.reduce((sum, row) => sum + row.registration.seats, 0)
  const shuttleSeats = shuttle.reduce((sum, row) => sum + row.registration.seats, 0)
  const days: string[] = []
  for (
    let day = DateTime.fromISO(session.startsOn);
    day.toISODate()! <= session.endsOn && days.length < 31;
    day = day.plus({ days: 1 })
  )
    days.push(day.toISODate()!)
  return { session, placed, waiting, shuttle, seats, shuttleSeats, days }
}
