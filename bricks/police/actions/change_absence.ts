import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import OtvAbsence from '../models/otv_absence.js'
import { datesProblems } from '../services/otv_declaration.js'

export class AbsenceChangeRefused extends Error {
  constructor(
    public field: 'departure' | 'return',
    public reasons: string[]
  ) {
    super(`Absence change refused: ${reasons.join(', ')}`)
  }
}

/** An absence by its id, with its street; `userId`: only if it is that resident's. */
export async function ownAbsence(userId: number | null, id: unknown) {
  const numeric = Number(id)
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null
  return OtvAbsence.query()
    .where('id', numeric)
    .if(userId !== null, (query) => query.where('userId', userId!))
    .preload('street')
    .first()
}

/** What the resident may still do: before departure change both dates or cancel; while away, move the return or come back early. */
export function allowedChanges(absence: OtvAbsence, today = clock.today()) {
  const watched = absence.status === 'active' && absence.endsOn >= today
  const beforeDeparture = watched && today < absence.startsOn
  return {
    departure: beforeDeparture,
    returnDate: watched,
    cancel: beforeDeparture,
    earlyReturn: watched && !beforeDeparture,
  }
}

/**
 * New dates for an absence: the rules of a declaration apply again, except
 * the notice before departure when the departure does not move (a resident
 * already away may extend their stay).
 */
export class ChangeAbsenceDates {
  async handle(absence: OtvAbsence, departure: string, returnOn: string) {
    const allowed = allowedChanges(absence)
    if (!allowed.departure) departure = absence.startsOn
    const problems = (await datesProblems(departure, returnOn)).filter(
      (problem) => departure !== absence.startsOn || !problem.includes('too_soon')
    )
    if (departure !== absence.startsOn && returnOn < clock.today())
      problems.push('police.otv.refusals.dates_invalid')
    if (problems.length) {
      const field = problems.some((problem) => problem.includes('too_soon'))
        ? 'departure'
        : 'return'
      throw new AbsenceChangeRefused(field, problems)
    }
    absence.merge({ startsOn: departure, endsOn: returnOn })
    await absence.save()
  }
}

/** Cancelled before departure: the home never enters the patrols' lists. */
export async function cancelAbsence(absence: OtvAbsence) {
  await db.transaction(async (trx) => {
    absence.useTransaction(trx)
    absence.status = 'cancelled'
    await absence.save()
  })
}

/** Back early: the patrols stop from today, the summary leaves tomorrow. */
export async function declareReturn(absence: OtvAbsence) {
  absence.merge({ status: 'returned', endsOn: clock.today() })
  await absence.save()
}
