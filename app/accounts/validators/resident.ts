import vine from '@vinejs/vine'
import { MAX_PASSWORD_LENGTH, strongPassword } from '#accounts/services/password_policy'
import { clock } from '#core/clock'

const email = () => vine.string().trim().maxLength(254).email().normalizeEmail({ all_lowercase: true, gmail_remove_dots: false })
const personName = () => vine.string().trim().minLength(1).maxLength(100)

/** Account creation (/inscription). Uniqueness is checked by the action, with its own message. */
export const registrationValidator = vine.compile(
  vine.object({
    firstName: personName(),
    lastName: personName(),
    email: email(),
    password: vine.string().maxLength(MAX_PASSWORD_LENGTH).use(strongPassword()),
  })
)

export const loginValidator = vine.compile(
  vine.object({
    email: email(),
    password: vine.string().maxLength(MAX_PASSWORD_LENGTH),
  })
)

/** Asking again for a verification mail, or for a password-reset mail. */
export const emailOnlyValidator = vine.compile(vine.object({ email: email() }))

export const newPasswordValidator = vine.compile(
  vine.object({
    password: vine.string().maxLength(MAX_PASSWORD_LENGTH).use(strongPassword()).confirmed({ confirmationField: 'passwordConfirmation' }),
  })
)

const pastDate = () =>
  vine
    .date({ formats: ['YYYY-MM-DD'] })
    .beforeOrEqual(() => clock.now().toISODate()!)
    .afterOrEqual('1900-01-01')

export const profileValidator = vine.compile(
  vine.object({
    firstName: personName(),
    lastName: personName(),
    birthDate: pastDate().optional(),
    phone: vine
      .string()
      .trim()
      .regex(/^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/)
      .optional(),
    addressLine: vine.string().trim().maxLength(200).optional(),
    addressComplement: vine.string().trim().maxLength(200).optional(),
    postalCode: vine
      .string()
      .trim()
      .regex(/^\d{5}$/)
      .optional(),
    city: vine.string().trim().maxLength(100).optional(),
    notifyByEmail: vine.boolean().optional(),
    notifyBySms: vine.boolean().optional(),
    locale: vine.enum(['fr', 'en']),
  })
)

export const householdMemberValidator = vine.compile(
  vine.object({
    kind: vine.enum(['adult', 'child']),
    firstName: personName(),
    lastName: personName(),
    birthDate: pastDate().optional(),
    school: vine.string().trim().maxLength(150).optional(),
    schoolClass: vine.string().trim().maxLength(50).optional(),
  })
)
