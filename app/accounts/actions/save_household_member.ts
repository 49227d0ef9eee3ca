import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import { toDateTime } from '#core/services/dates'

export interface HouseholdMemberInput {
  kind: 'adult' | 'child'
  firstName: string
  lastName: string
  birthDate?: Date
  school?: string
  schoolClass?: string
}

/** Adds a member to the resident's household, or updates one. School and class are kept for children only. */
export default class SaveHouseholdMember {
  async handle(user: User, input: HouseholdMemberInput, member?: HouseholdMember) {
    const target = member ?? new HouseholdMember()
    target.merge({
      userId: user.id,
      kind: input.kind,
      firstName: input.firstName,
      lastName: input.lastName,
      birthDate: toDateTime(input.birthDate),
      school: input.kind === 'child' ? (input.school ?? null) : null,
      schoolClass: input.kind === 'child' ? (input.schoolClass ?? null) : null,
    })
    await target.save()
    return target
  }
}
