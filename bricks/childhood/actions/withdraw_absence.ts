import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import { readSettings } from '#core/services/settings'
import { clock } from '#core/clock'
import Absence from '../models/absence.js'
import { childhoodSettings } from '../settings.js'
import { declarationDeadline } from '../services/absences.js'

/**
 * A family takes back an absence it declared, while it could still declare
 * it (before the cut-off of its first day): the days are billed again.
 * Later, or for an absence the service recorded, only the service removes it.
 * Returns false when the absence is not the family's to withdraw.
 */
export default class WithdrawAbsence {
  async handle(user: User, absenceId: number) {
    const { absenceNoticeHours: hours } = await readSettings('childhood', childhoodSettings)
    return db.transaction(async (trx) => {
      const absence = await Absence.query({ client: trx })
        .where('id', absenceId)
        .where('userId', user.id)
        .where('declaredBy', 'family')
        .first()
      if (!absence || clock.now() > declarationDeadline(absence.startsOn, hours)) return false
      await absence.delete()
      return true
    })
  }
}

/** Whether the family may still withdraw this absence (its own declaration, before the cut-off). */
export function withdrawable(absence: Absence, hours: number) {
  return (
    absence.declaredBy === 'family' && clock.now() <= declarationDeadline(absence.startsOn, hours)
  )
}
