import HouseholdMember from '#accounts/models/household_member'
import { createResident } from '#tests/support/factories/accounts'
import Activity from '#activities/models/activity'
import ActivitySession from '#activities/models/activity_session'
import { clock } from '#core/clock'

/** A resident of `age`, birth date in their profile. */
export async function senior(email: string, age = 70, firstName = 'Jeanne') {
  const user = await createResident({ email, firstName, lastName: 'Moreau' })
  user.birthDate = clock.now().minus({ years: age, months: 3 })
  await user.save()
  return user
}

/** A resident of 45 with their mother (78) as an adult of their household. */
export async function relativeWithMother(email: string) {
  const user = await createResident({ email, firstName: 'Paul', lastName: 'Lefèvre' })
  user.birthDate = clock.now().minus({ years: 45 })
  await user.save()
  const mother = await HouseholdMember.create({
    userId: user.id,
    kind: 'adult',
    firstName: 'Odette',
    lastName: 'Lefèvre',
    birthDate: clock.now().minus({ years: 78 }),
  })
  return { user, mother }
}

/** An outing open to registrations now, in ten days (or `inDays`), with the shuttle and a companion seat. */
export async function outing(options: { capacity?: number; name?: string; inDays?: number } = {}) {
  const today = clock.local()
  const day = today.plus({ days: options.inDays ?? 10 }).toISODate()!
  const activity = await Activity.create({
    owner: 'social',
    kind: 'sortie',
    name: options.name ?? 'Château de Fontainebleau',
    description: 'Visite guidée et goûter.',
    season: '2026-2027',
    location: 'Départ place de la mairie',
    minAge: 60,
    maxAge: 120,
    pricing: 'session',
    prices: { A: 500, B: 800, C: 1200, D: 1500 },
    opensOn: today.minus({ days: 1 }).toISODate()!,
    closesOn: day,
    active: true,
    options: { companion: true, shuttle: true },
  })
  const session = await ActivitySession.create({
    owner: 'social',
    activityId: activity.id,
    label: 'Jeudi en dix jours',
    startsOn: day,
    endsOn: day,
    startsAt: '13:30',
    capacity: options.capacity ?? 10,
    closed: false,
  })
  return { activity, session }
}

/**
 * A childhood activity with one Wednesday next week and a parent with a
 * 7-year-old child, written as the shared engine's rows the childhood brick
 * owns (this brick imports no other): proves the engine serves both.
 */
export async function childhoodWednesday(parentEmail: string, capacity = 5) {
  const today = clock.local()
  const activity = await Activity.create({
    owner: 'childhood',
    kind: 'periscolaire',
    name: 'Mercredis',
    minAge: 3,
    maxAge: 11,
    pricing: 'session',
    prices: { A: 300, B: 600, C: 900, D: 1200 },
    opensOn: today.minus({ days: 1 }).toISODate()!,
    closesOn: today.plus({ days: 30 }).toISODate()!,
    active: true,
  })
  const wednesday = await ActivitySession.create({
    owner: 'childhood',
    activityId: activity.id,
    label: 'Mercredi',
    startsOn: today.plus({ days: 7 }).toISODate()!,
    endsOn: today.plus({ days: 7 }).toISODate()!,
    capacity,
  })
  const parent = await createResident({ email: parentEmail })
  const child = await HouseholdMember.create({
    userId: parent.id,
    kind: 'child',
    firstName: 'Lou',
    lastName: 'Petit',
    birthDate: clock.now().minus({ years: 7 }),
  })
  return { wednesday, parent, child }
}
