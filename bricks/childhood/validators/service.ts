import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { formValidator, knownIds, singleLineText } from '#core/services/validation'
import { clock } from '#core/clock'
import type ActivitySession from '../models/activity_session.js'
import { DAY } from './activities.js'

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const FRENCH_DAY = /^\d{2}\/\d{2}\/\d{4}$/

/** What the childhood service records about a child: school, class, checked. */
export const childValidator = formValidator(
  'childhood.child',
  vine.compile(
    vine.object({
      school: vine
        .number()
        .withoutDecimals()
        .positive()
        .use(knownIds({ table: 'childhood_schools' }))
        .optional(),
      className: singleLineText(40).optional(),
      verified: vine.boolean().optional(),
    })
  )
)

/** Absences typed by an agent: dates of the month shown, separated by spaces. */
export const absencesValidator = formValidator(
  'childhood.absences',
  vine.compile(
    vine.object({
      mois: vine.string().trim().regex(MONTH),
      absences: singleLineText(400).optional(),
    })
  )
)

export type ChildInput = Awaited<ReturnType<typeof childValidator.validate>>

/** The month asked for (YYYY-MM), else the current one. */
export function askedMonth(value: unknown) {
  return MONTH.test(String(value)) ? String(value) : clock.local().toFormat('yyyy-MM')
}

/** Whether attendance may be taken that day (YYYY-MM-DD): one of the session's. */
export function isSessionDay(day: string, session: ActivitySession) {
  return DAY.test(day) && day >= session.startsOn && day <= session.endsOn
}

/** The ids of the children ticked present (one value or several). */
export function presentIds(value: unknown) {
  return new Set(([] as unknown[]).concat(value).map(Number))
}

/** A date typed the French way (05/11/2026) as an ISO day; anything else as typed. */
function asDay(value: string) {
  return FRENCH_DAY.test(value) ? value.split('/').reverse().join('-') : value
}

/**
 * The absent days typed for a month (French or ISO dates, separated by
 * spaces, commas or semicolons), or what was typed that is not a date of
 * that month: it is said, never dropped.
 */
export function monthAbsences(
  typed: string | undefined,
  month: string
): { days: string[] } | { unknown: string[] } {
  const values = (typed ?? '').split(/[\s,;]+/).filter(Boolean)
  const unknown = values.filter(
    (value) =>
      !(
        DAY.test(asDay(value)) &&
        DateTime.fromISO(asDay(value)).isValid &&
        asDay(value).startsWith(month)
      )
  )
  return unknown.length ? { unknown } : { days: values.map(asDay) }
}
