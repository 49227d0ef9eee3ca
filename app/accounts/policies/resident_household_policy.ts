import HouseholdMember from '#accounts/models/household_member'
import type User from '#accounts/models/user'

/**
 * A resident reaches only the members of their own household. Anyone else's
 * member is "not found" (404), revealing nothing about whether it exists.
 */
export async function findOwnHouseholdMember(user: User, id: unknown) {
  const memberId = Number(id)
  if (!Number.isSafeInteger(memberId) || memberId <= 0) return null
  return HouseholdMember.query().where('id', memberId).where('userId', user.id).first()
}
