import vine from '@vinejs/vine'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'

export const DAY = /^\d{4}-\d{2}-\d{2}$/
/** A price in euros as French people type it: 6,50 or 6.50. */
const cents = () =>
  vine
    .string()
    .trim()
    .maxLength(7)
    .regex(/^\d{1,4}([.,]\d{1,2})?$/)

/** An activity the childhood service opens to registrations. */
export const activityValidator = formValidator(
  'childhood.activity',
  vine.compile(
    vine.object({
      kind: vine.enum(['periscolaire', 'extrascolaire'] as const),
      name: singleLineText(150).minLength(2),
      description: multiLineText(2000).optional(),
      minAge: vine.number().withoutDecimals().range([0, 18]),
      maxAge: vine.number().withoutDecimals().range([0, 18]),
      pricing: vine.enum(['session', 'period'] as const),
      priceA: cents(),
      priceB: cents(),
      priceC: cents(),
      priceD: cents(),
      opensOn: vine.string().trim().regex(DAY),
      closesOn: vine.string().trim().regex(DAY),
    })
  )
)

/** A session (a Wednesday, a holiday week) of an activity. */
export const sessionValidator = formValidator(
  'childhood.session',
  vine.compile(
    vine.object({
      label: singleLineText(150).minLength(2),
      startsOn: vine.string().trim().regex(DAY),
      endsOn: vine.string().trim().regex(DAY),
      capacity: vine.number().withoutDecimals().range([1, 500]),
    })
  )
)

export type ActivityInput = Awaited<ReturnType<typeof activityValidator.validate>>

/** Ages or dates the wrong way round: the field to point at and its message, else null. */
export function misorderedField(input: ActivityInput) {
  if (input.maxAge < input.minAge) return { field: 'maxAge', key: 'childhood.service.ages_order' }
  if (input.closesOn < input.opensOn)
    return { field: 'closesOn', key: 'validator.shared.messages.dateAfter' }
  return null
}
