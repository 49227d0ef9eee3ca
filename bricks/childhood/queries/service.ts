import { DateTime } from 'luxon'
import User from '#accounts/models/user'
import type ActivitySession from '../models/activity_session.js'
import Quotient from '../models/quotient.js'
import Registration from '../models/registration.js'

/** How many children have a place and how many wait, per session: keyed `sessionId:status`. */
export async function sessionCounts() {
  const counts = new Map<string, number>()
  for (const row of await Registration.query()
    .whereIn('status', ['placed', 'waiting'])
    .select('session_id', 'status')
    .count('* as total')
    .groupBy('session_id', 'status'))
    counts.set(`${row.sessionId}:${row.status}`, Number(row.$extras.total))
  return counts
}

/** How many quotients familiaux wait for an agent. */
export async function pendingQuotientCount() {
  const pending = await Quotient.query().where('status', 'pending').count('* as total')
  return Number(pending[0].$extras.total)
}

/** The days a session's attendance is taken: its weekdays (or its only day, were it a Saturday). */
function daysOf(session: ActivitySession) {
  const days: string[] = []
  for (
    let day = DateTime.fromISO(session.startsOn);
    day <= DateTime.fromISO(session.endsOn);
    day = day.plus({ days: 1 })
  )
    if (day.weekday <= 5 || session.startsOn === session.endsOn) days.push(day.toISODate()!)
  return days
}

/** A session's lists: the children with a place and those waiting, each with the family and the age on the first day. */
export async function sessionLists(session: ActivitySession) {
  await session.load('activity')
  const registrations = await Registration.query()
    .where('sessionId', session.id)
    .whereIn('status', ['placed', 'waiting'])
    .preload('child')
    .orderBy('id')
  const families = new Map(
    (
      await User.query().whereIn(
        'id',
        registrations.map((registration) => registration.userId).concat(0)
      )
    ).map((user) => [user.id, user])
  )
  const describe = (registration: Registration) => ({
    registration,
    child: registration.child,
    family: families.get(registration.userId),
    age: registration.child.birthDate
      ? Math.floor(
          DateTime.fromISO(session.startsOn).diff(registration.child.birthDate, 'years').years
        )
      : null,
  })
  const withStatus = (status: Registration['status']) =>
    registrations.filter((registration) => registration.status === status).map(describe)
  return {
    session,
    days: daysOf(session),
    placed: withStatus('placed'),
    waiting: withStatus('waiting'),
  }
}

export type SessionLists = Awaited<ReturnType<typeof sessionLists>>
