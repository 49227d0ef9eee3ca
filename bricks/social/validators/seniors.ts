import vine from '@vinejs/vine'
import { multiLineText, singleLineText } from '#core/services/validation'

const DAY = /^\d{4}-\d{2}-\d{2}$/
/** A price in euros as typed in France (6,50 or 6.50). */
const euros = () =>
  vine
    .string()
    .trim()
    .maxLength(7)
    .regex(/^\d{1,4}([.,]\d{1,2})?$/)

const choices = {
  session: vine.number().withoutDecimals().positive(),
  companion: vine.boolean().optional(),
  shuttle: vine.boolean().optional(),
  pickupAddress: singleLineText(250).optional().requiredWhen('shuttle', '=', true),
  emergencyContact: singleLineText(200).minLength(3),
  phone: singleLineText(30).optional(),
}

/** A resident registers themselves (`participant` = "moi") or a member of their household. */
export const seniorRegistrationValidator = vine.compile(
  vine.object({
    participant: vine
      .string()
      .trim()
      .maxLength(10)
      .regex(/^(moi|\d{1,9})$/),
    ...choices,
  })
)

/** An agent registers someone without an account, at the counter or on the phone. */
export const counterRegistrationValidator = vine.compile(
  vine.object({
    name: singleLineText(200).minLength(2),
    birthDate: vine.string().trim().regex(DAY).optional(),
    retirementChecked: vine.boolean().optional(),
    ...choices,
  })
)

/** A day's attendance: the registrations ticked present. */
export const seniorAttendanceValidator = vine.compile(
  vine.object({
    day: vine.string().trim().regex(DAY),
    present: vine.array(vine.number().withoutDecimals().positive()).maxLength(1000).optional(),
  })
)

/** An order of pick-up for the shuttle driver's round. */
export const pickupOrderValidator = vine.compile(
  vine.object({ order: vine.number().withoutDecimals().range([1, 999]) })
)

/** An activity of the seniors' programme with its first session. */
export const seniorActivityValidator = vine.compile(
  vine.object({
    name: singleLineText(150).minLength(2),
    kind: vine.enum(['atelier', 'sortie', 'evenement'] as const),
    season: vine
      .string()
      .trim()
      .maxLength(9)
      .regex(/^\d{4}(-\d{4})?$/),
    location: singleLineText(200).optional(),
    description: multiLineText(2000).optional(),
    opensOn: vine.string().trim().regex(DAY),
    closesOn: vine.string().trim().regex(DAY),
    priceA: euros(),
    priceB: euros(),
    priceC: euros(),
    priceD: euros(),
    companion: vine.boolean().optional(),
    shuttle: vine.boolean().optional(),
    sessionLabel: singleLineText(150).minLength(2),
    sessionOn: vine.string().trim().regex(DAY),
    sessionAt: vine
      .string()
      .trim()
      .maxLength(5)
      .regex(/^\d{2}:\d{2}$/)
      .optional(),
    capacity: vine.number().withoutDecimals().range([1, 1000]),
  })
)
