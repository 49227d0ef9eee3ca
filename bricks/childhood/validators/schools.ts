import vine from '@vinejs/vine'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'
import { DAY } from './activities.js'

/** The longest class name a child's record holds (childhood_children.class_name). */
export const CLASS_NAME_MAX = 40

/** A school: its name, address and classes (one per line, or separated by commas or semicolons). */
export const schoolValidator = formValidator(
  'childhood.school',
  vine.compile(
    vine.object({
      name: singleLineText(150).minLength(2),
      address: singleLineText(200).optional(),
      classes: multiLineText(4000).optional(),
    })
  )
)

export type SchoolInput = Awaited<ReturnType<typeof schoolValidator.validate>>

/** The classes typed, in the order typed, each once; or the first one too long to be kept. */
export function typedClasses(
  value: string | undefined
): { classes: string[] } | { tooLong: string } {
  const classes = [
    ...new Set(
      (value ?? '')
        .split(/[\n;,]+/)
        .map((name) => name.trim().replace(/\s+/g, ' '))
        .filter(Boolean)
    ),
  ]
  const tooLong = classes.find((name) => name.length > CLASS_NAME_MAX)
  return tooLong ? { tooLong } : { classes }
}

/** A school holiday period an admin enters: its first and last day without school. */
export const holidayValidator = formValidator(
  'childhood.holiday',
  vine.compile(
    vine.object({
      label: singleLineText(150).minLength(2),
      startsOn: vine.string().trim().regex(DAY),
      endsOn: vine.string().trim().regex(DAY),
    })
  )
)

export type HolidayInput = Awaited<ReturnType<typeof holidayValidator.validate>>

/** Close an activity or a session to registrations, or open it again. */
export const openingValidator = vine.compile(
  vine.object({ decision: vine.enum(['close', 'reopen'] as const) })
)
