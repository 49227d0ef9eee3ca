import HouseholdMember from '#accounts/models/household_member'
import User from '#accounts/models/user'
import CanteenRegistration from '../models/canteen_registration.js'
import ChildRecord from '../models/child_record.js'
import Registration from '../models/registration.js'
import School from '../models/school.js'
import { childAbsences } from './absences.js'

/**
 * What a child's record shows an agent of the service: the family, what the
 * service recorded (school, class, verified), canteen and activity
 * registrations, and absences.
 */
export async function childRecordPage(child: HouseholdMember) {
  const [family, record, schools, canteen, registrations, absences] = await Promise.all([
    User.find(child.userId),
    ChildRecord.findBy('householdMemberId', child.id),
    School.query().orderBy('name'),
    CanteenRegistration.query()
      .where('householdMemberId', child.id)
      .where('status', 'active')
      .orderBy('schoolYear', 'desc'),
    Registration.query()
      .where('householdMemberId', child.id)
      .preload('session', (session) => session.preload('activity'))
      .orderBy('id', 'desc'),
    childAbsences(child.id),
  ])
  return { child, family, record, schools, canteen, registrations, absences }
}

/** The child of a household with that id (from a URL), or null: adults are no child's record. */
export async function childOf(id: unknown) {
  const childId = Number(id)
  if (!Number.isSafeInteger(childId) || childId <= 0) return null
  return HouseholdMember.query().where('id', childId).where('kind', 'child').first()
}
