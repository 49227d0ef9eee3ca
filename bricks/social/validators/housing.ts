import vine from '@vinejs/vine'
import { formValidator, singleLineText } from '#core/services/validation'
import { OUTCOMES, PURPOSES } from '../services/housing.js'

/** The resident's booking: why, the national number if they have one, and the slot chosen. */
export const housingBookingValidator = formValidator(
  'social.housing_booking',
  vine.compile(
    vine.object({
      purpose: vine.enum(PURPOSES),
      applicationNumber: singleLineText(30).optional(),
      slot: vine.string().trim().maxLength(60),
    })
  )
)

/** What came of the appointment, for the statistics. */
export const housingOutcomeValidator = formValidator(
  'social.housing_outcome',
  vine.compile(vine.object({ outcome: vine.enum(OUTCOMES) }))
)
