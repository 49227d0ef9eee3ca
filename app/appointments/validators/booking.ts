import vine from '@vinejs/vine'
import { formValidator, singleLineText } from '#core/services/validation'

/** A slot chosen on a type's booking page: the meeting point, how many persons, the slot's start (ISO, UTC). */
export const typeSlotValidator = vine.compile(
  vine.object({
    point: vine.number().withoutDecimals().positive(),
    persons: vine.number().withoutDecimals().range([1, 10]),
    slot: vine.string().trim().maxLength(40),
  })
)

/** "Tell me when a slot frees up" on a type's booking page. */
export const joinWaitingListValidator = formValidator(
  'appointments.waiting_list',
  vine.compile(
    vine.object({
      point: vine.number().withoutDecimals().positive().optional(),
      persons: vine.number().withoutDecimals().range([1, 10]),
      firstName: singleLineText(100).minLength(1),
      email: vine.string().trim().maxLength(254).email(),
    })
  )
)

/** Who comes to the appointment: the confirmation goes to the e-mail address, the phone is for the desk. */
export const contactValidator = formValidator(
  'appointments.contact',
  vine.compile(
    vine.object({
      firstName: singleLineText(100).minLength(1),
      lastName: singleLineText(100).minLength(1),
      email: vine.string().trim().maxLength(254).email(),
      phone: vine
        .string()
        .trim()
        .maxLength(20)
        .regex(/^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/)
        .optional(),
    })
  )
)
