import HouseholdMember from '#accounts/models/household_member'

/** Ids of the members of a resident's household: the choices a "household member" question accepts. */
export async function householdMemberIds(userId: number) {
  return (await HouseholdMember.query().where('userId', userId).select('id')).map(
    (member) => member.id
  )
}
