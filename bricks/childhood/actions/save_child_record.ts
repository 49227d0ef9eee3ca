import type Agent from '#accounts/models/agent'
import type HouseholdMember from '#accounts/models/household_member'
import { clock } from '#core/clock'
import ChildRecord from '../models/child_record.js'
import type { ChildInput } from '../validators/service.js'

/** What the service records about a child (school, class), and whether an agent checked it: who and when, kept until unchecked. */
export default class SaveChildRecord {
  async handle(child: HouseholdMember, input: ChildInput, agent: Agent) {
    const record = (await ChildRecord.findBy('householdMemberId', child.id)) ?? new ChildRecord()
    record.merge({
      householdMemberId: child.id,
      schoolId: input.school ?? null,
      className: input.className ?? null,
    })
    if (input.verified && !record.verifiedAt)
      record.merge({ verifiedAt: clock.now(), verifiedBy: agent.id })
    if (!input.verified) record.merge({ verifiedAt: null, verifiedBy: null })
    await record.save()
    return record
  }
}
