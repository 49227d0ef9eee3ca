import vine from '@vinejs/vine'
import { formValidator, knownIds, singleLineText } from '#core/services/validation'
import { clock } from '#core/clock'
import type ActivitySession from '../models/activity_session.js'
import { DAY } from './activities.js'

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

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
