import type HouseholdMember from '#accounts/models/household_member'

/** Removes a member from the resident's household (ownership is checked before, by the policy). */
export default class RemoveHouseholdMember {
  async handle(member: HouseholdMember) {
    await member.delete()
  }
}
