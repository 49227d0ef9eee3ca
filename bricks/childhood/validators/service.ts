import vine from '@vinejs/vine'
import { formValidator, knownIds, singleLineText } from '#core/services/validation'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

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
