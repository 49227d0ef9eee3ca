import vine from '@vinejs/vine'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'
import { PICKUP_TYPE, TITLE_TYPE } from '../appointments.js'

/** Why the city cancels an appointment: the resident reads it in the cancellation mail. */
export const cancelValidator = formValidator(
  'administration.cancel',
  vine.compile(vine.object({ reason: multiLineText(500).minLength(1) }))
)

/** A booking made by an agent for someone at the counter or on the phone. */
export const counterBookingValidator = formValidator(
  'administration.counter_booking',
  vine.compile(
    vine.object({
      type: vine.enum([TITLE_TYPE, PICKUP_TYPE] as const),
      point: vine.number().withoutDecimals().positive(),
      persons: vine.number().withoutDecimals().range([1, 5]),
      slot: vine.string().trim().maxLength(40),
      origin: vine.enum(['counter', 'phone'] as const),
      firstName: singleLineText(100).minLength(1),
      lastName: singleLineText(100).minLength(1),
      email: vine.string().trim().maxLength(254).email().optional(),
      phone: singleLineText(30).optional(),
    })
  )
)

export type CounterBooking = Awaited<ReturnType<typeof counterBookingValidator.validate>>
