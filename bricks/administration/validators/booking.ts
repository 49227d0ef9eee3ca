import vine from '@vinejs/vine'
import { formValidator, singleLineText } from '#core/services/validation'

/** What residents book an ID appointment for (the ANTS's reasons). */
export const REASONS = ['CNI', 'PASSPORT', 'CNI-PASSPORT'] as const

/** The first step: what for, and for how many people. */
export const startValidator = vine.compile(
  vine.object({
    reason: vine.enum(REASONS),
    persons: vine.number().withoutDecimals().range([1, 5]),
  })
)

/** "Tell me when a slot frees up". */
export const waitingValidator = formValidator(
  'administration.waiting_list',
  vine.compile(
    vine.object({
      email: vine.string().trim().maxLength(254).email(),
      firstName: singleLineText(100).minLength(1),
    })
  )
)

/** The ANTS numbers typed for each person (fields numero1…numeroN), blank ones as ''. */
export function typedNumbers(input: (name: string) => unknown, persons: number) {
  return Array.from({ length: persons }, (_, index) => String(input(`numero${index + 1}`) ?? ''))
}
