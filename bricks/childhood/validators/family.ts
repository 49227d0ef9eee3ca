import vine from '@vinejs/vine'
import { formValidator } from '#core/services/validation'

/** A child registered to an activity's session. */
export const registerValidator = vine.compile(
  vine.object({
    child: vine.number().withoutDecimals().positive(),
    session: vine.number().withoutDecimals().positive(),
  })
)

/** A child registered to the canteen on some weekdays (1 Monday … 5 Friday; no Wednesday). */
export const canteenValidator = vine.compile(
  vine.object({
    child: vine.number().withoutDecimals().positive(),
    days: vine
      .array(vine.enum(['1', '2', '4', '5'] as const))
      .minLength(1)
      .distinct()
      .parse((value) =>
        value === undefined || value === null || Array.isArray(value) ? value : [value]
      ),
  })
)

/** The quotient familial a family declares (with its CAF attestation). */
export const quotientValidator = formValidator(
  'childhood.quotient',
  vine.compile(vine.object({ value: vine.number().withoutDecimals().range([0, 10000]) }))
)
