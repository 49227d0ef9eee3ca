import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import { readSettings } from '#core/services/settings'
import { clock } from '#core/clock'
import Absence from '../models/absence.js'
import { childhoodSettings } from '../settings.js'
import { declarationDeadline } from '../services/absences.js'
import { absenceRange } from '../validators/absences.js'

/** Why a family's absence is refused: the field to point at, the message key and its values. */
export class AbsenceRefusedError extends Error {
  constructor(
    readonly field: 'child' | 'startsOn' | 'endsOn',
    readonly key: string,
    readonly data: Record<string, string | number> = {}
  ) {
    super(key)
  }
}

/**
 * A family declares online that a child of its household will be absent
 * from one day to another, at the latest `absenceNoticeHours` before the
 * first day (a setting): the canteen invoicing then bills none of those
 * days. Later, only the service can record it.
 */
export default class DeclareAbsence {
  async handle(
    user: User,
    input: { child: number; startsOn: string; endsOn?: string; reason?: string }
  ) {
    const range = absenceRange(input)
    if ('key' in range) throw new AbsenceRefusedError(range.field, range.key)
    const child = await HouseholdMember.query()
      .where('id', input.child)
      .where('userId', user.id)
      .where('kind', 'child')
      .first()
    if (!child) throw new AbsenceRefusedError('child', 'childhood.absences.errors.not_your_child')
    const { absenceNoticeHours: hours } = await readSettings('childhood', childhoodSettings)
    const deadline = declarationDeadline(range.startsOn, hours)
    if (clock.now() > deadline)
      throw new AbsenceRefusedError('startsOn', 'childhood.absences.errors.too_late', {
        hours,
        deadline: deadline.setZone('Europe/Paris').toFormat("dd/MM/yyyy 'à' HH'h'mm"),
      })
    return db.transaction((trx) =>
      Absence.create(
        {
          householdMemberId: child.id,
          userId: user.id,
          ...range,
          declaredBy: 'family',
          agentId: null,
          reason: input.reason ?? null,
        },
        { client: trx }
      )
    )
  }
}
