import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { formValidator, singleLineText } from '#core/services/validation'
import { DAY } from './activities.js'

/** An absence over a range of days: the child, the first and last day (the last, one day when left empty), a reason. */
const absenceSchema = vine.object({
  child: vine.number().withoutDecimals().positive(),
  startsOn: vine.string().trim().regex(DAY),
  endsOn: vine.string().trim().regex(DAY).optional(),
  reason: singleLineText(200).optional(),
})

/** What a family declares in /enfance/absences. */
export const familyAbsenceValidator = formValidator(
  'childhood.family_absence',
  vine.compile(absenceSchema)
)

/** What an agent records on a child's record (the child is the page's). */
export const agentAbsenceValidator = formValidator(
  'childhood.agent_absence',
  vine.compile(
    vine.object({
      startsOn: vine.string().trim().regex(DAY),
      endsOn: vine.string().trim().regex(DAY).optional(),
      reason: singleLineText(200).optional(),
    })
  )
)

/** The longest absence one form records: a school year. */
export const MAX_ABSENCE_DAYS = 366

export type AbsenceProblem = { field: 'startsOn' | 'endsOn'; key: string }

/**
 * The range typed, or the field that is wrong: a day that does not exist
 * (31/11), a last day before the first, a range longer than a school year.
 */
export function absenceRange(input: {
  startsOn: string
  endsOn?: string
}): { startsOn: string; endsOn: string } | AbsenceProblem {
  const endsOn = input.endsOn ?? input.startsOn
  const first = DateTime.fromISO(input.startsOn)
  const last = DateTime.fromISO(endsOn)
  if (!first.isValid) return { field: 'startsOn', key: 'childhood.absences.errors.no_such_day' }
  if (!last.isValid) return { field: 'endsOn', key: 'childhood.absences.errors.no_such_day' }
  if (endsOn < input.startsOn)
    return { field: 'endsOn', key: 'childhood.absences.errors.before_first' }
  if (last.diff(first, 'days').days >= MAX_ABSENCE_DAYS)
    return { field: 'endsOn', key: 'childhood.absences.errors.too_long' }
  return { startsOn: input.startsOn, endsOn }
}
