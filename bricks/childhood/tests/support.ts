import HouseholdMember from '#accounts/models/household_member'
import { createResident } from '#tests/support/factories/accounts'
import Activity from '../models/activity.js'
import ActivitySession from '../models/activity_session.js'
import { clock } from '#core/clock'
import CanteenRegistration from '../models/canteen_registration.js'
import Quotient from '../models/quotient.js'

/** A family with two children aged 8 and 6. */
export async function family(
  email = `famille${Math.random().toString(36).slice(2, 8)}@example.org`
) {
  const user = await createResident({ email, firstName: 'Sofia', lastName: 'Martin' })
  const today = clock.now()
  const ines = await HouseholdMember.create({
    userId: user.id,
    kind: 'child',
    firstName: 'Inès',
    lastName: 'Martin',
    birthDate: today.minus({ years: 8, months: 2 }),
  })
  const tom = await HouseholdMember.create({
    userId: user.id,
    kind: 'child',
    firstName: 'Tom',
    lastName: 'Martin',
    birthDate: today.minus({ years: 6, months: 3 }),
  })
  return { user, ines, tom }
}

/**
 * The family, Inès eating at school on Mondays, Tuesdays, Thursdays and
 * Fridays of 2026–2027 (17 days in November 2026), with a validated quotient
 * of 650 (band B) unless `quotient` is null.
 */
export async function canteenFamily(email?: string, quotient: number | null = 650) {
  const members = await family(email)
  await CanteenRegistration.create({
    householdMemberId: members.ines.id,
    userId: members.user.id,
    schoolYear: '2026-2027',
    days: '1,2,4,5',
    status: 'active',
    absences: [],
  })
  if (quotient !== null)
    await Quotient.create({
      userId: members.user.id,
      value: quotient,
      documentKey: null,
      documentName: null,
      status: 'validated',
    })
  return members
}

/** A Wednesday activity open to registrations now, with one session of `capacity` places. */
export async function wednesdayActivity(
  options: {
    capacity?: number
    opensOn?: string
    closesOn?: string
    minAge?: number
    maxAge?: number
  } = {}
) {
  const today = clock.local()
  const activity = await Activity.create({
    kind: 'periscolaire',
    name: 'Mercredis sportifs',
    description: 'Sports collectifs le mercredi après-midi.',
    minAge: options.minAge ?? 6,
    maxAge: options.maxAge ?? 11,
    pricing: 'session',
    prices: { A: 300, B: 650, C: 950, D: 1300 },
    opensOn: options.opensOn ?? today.minus({ days: 1 }).toISODate()!,
    closesOn: options.closesOn ?? today.plus({ days: 30 }).toISODate()!,
    active: true,
  })
  const session = await ActivitySession.create({
    activityId: activity.id,
    label: 'Mercredi prochain',
    startsOn: today.plus({ days: 7 }).toISODate()!,
    endsOn: today.plus({ days: 7 }).toISODate()!,
    capacity: options.capacity ?? 1,
  })
  return { activity, session }
}
