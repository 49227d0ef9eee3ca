import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import type HouseholdMember from '#accounts/models/household_member'
import Absence from '../models/absence.js'

/**
 * An agent of the childhood service records a child's absence over a range
 * of days (already checked by absenceRange), whenever it is told: no
 * cut-off applies to the service.
 */
export default class RecordAbsence {
  async handle(
    agent: Agent,
    child: HouseholdMember,
    range: { startsOn: string; endsOn: string },
    reason: string | undefined
  ) {
    return db.transaction((trx) =>
      Absence.create(
        {
          householdMemberId: child.id,
          userId: child.userId,
          ...range,
          declaredBy: 'agent',
          agentId: agent.id,
          reason: reason ?? null,
        },
        { client: trx }
      )
    )
  }
}
