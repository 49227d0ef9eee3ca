import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'

const applicantFields = () => ({
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

/** Contact details of someone filing without an account. */
export const applicantValidator = formValidator(
  'demands.applicant',
  vine.compile(vine.object(applicantFields()))
)

/**
 * The same, of the person an agent files for at the counter, under
 * applicant[…]: the procedure's own questions share the form and may have
 * the same names (a procedure asking for a phone number).
 */
export const counterApplicantValidator = formValidator(
  'demands.counter_applicant',
  vine.compile(vine.object({ applicant: vine.object(applicantFields()) }))
)

/** The contact of the person filed for at the counter: none when filing for a resident with an account. */
export async function validateCounterApplicant(
  request: HttpContext['request'],
  resident: User | null
) {
  if (resident) return null
  const { applicant } = await request.validateUsing(counterApplicantValidator)
  return {
    firstName: applicant.firstName,
    lastName: applicant.lastName,
    email: applicant.email,
    phone: applicant.phone ?? null,
  }
}

/** A message in a demand's thread, with optional attachments (checked separately). */
export const messageValidator = formValidator(
  'demands.message',
  vine.compile(vine.object({ body: multiLineText(5000).minLength(1) }))
)

/** Why the resident withdraws their demand: the service reads it on the timeline. */
export const withdrawalValidator = formValidator(
  'demands.withdrawal',
  vine.compile(vine.object({ reason: multiLineText(2000).minLength(1) }))
)
