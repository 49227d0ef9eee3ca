import vine from '@vinejs/vine'
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

/** A message in a demand's thread, with optional attachments (checked separately). */
export const messageValidator = formValidator(
  'demands.message',
  vine.compile(vine.object({ body: multiLineText(5000).minLength(1) }))
)
