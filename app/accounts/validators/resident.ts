import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import { MAX_PASSWORD_LENGTH, strongPassword } from '#accounts/services/password_policy'
import { clock } from '#core/clock'
import { formValidator, singleLineText } from '#core/services/validation'

const email = () =>
  vine
    .string()
    .trim()
    .maxLength(254)
    .email()
    .normalizeEmail({ all_lowercase: true, gmail_remove_dots: false })
const personName = () => singleLineText(100).minLength(1)
const phone = () =>
  vine
    .string()
    .trim()
    .maxLength(20)
    .regex(/^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/)
const postalCode = () =>
  vine
    .string()
    .trim()
    .maxLength(5)
    .regex(/^\d{5}$/)
const passwordConfirmation = () => vine.string().maxLength(MAX_PASSWORD_LENGTH).optional()

/** Account creation (/inscription). Uniqueness is checked by the action, with its own message. */
export const registrationValidator = formValidator(
  'accounts.registration',
  vine.compile(
    vine.object({
      firstName: personName(),
      lastName: personName(),
      email: email(),
      password: vine.string().maxLength(MAX_PASSWORD_LENGTH).use(strongPassword()),
    })
  )
)

export const loginValidator = formValidator(
  'accounts.login',
  vine.compile(
    vine.object({
      email: email(),
      password: vine.string().maxLength(MAX_PASSWORD_LENGTH),
    })
  )
)

/** Asking again for a verification mail, or for a password-reset mail. */
export const emailOnlyValidator = formValidator(
  'accounts.email',
  vine.compile(vine.object({ email: email() }))
)

export const newPasswordValidator = formValidator(
  'accounts.new_password',
  vine.compile(
    vine.object({
      password: vine
        .string()
        .maxLength(MAX_PASSWORD_LENGTH)
        .use(strongPassword())
        .confirmed({ confirmationField: 'passwordConfirmation' }),
      passwordConfirmation: passwordConfirmation(),
    })
  )
)

/** The new password chosen from a reset link, checked against the resident's own name and e-mail. */
export function validateNewPassword(
  request: HttpContext['request'],
  user: { email: string; firstName: string; lastName: string }
) {
  return request.validateUsing(newPasswordValidator, {
    data: {
      ...request.all(),
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
    },
  })
}

const pastDate = () =>
  vine
    .date({ formats: ['YYYY-MM-DD'] })
    .beforeOrEqual(() => clock.now().toISODate()!)
    .afterOrEqual('1900-01-01')

export const profileValidator = formValidator(
  'accounts.profile',
  vine.compile(
    vine.object({
      firstName: personName(),
      lastName: personName(),
      birthDate: pastDate().optional(),
      phone: phone().optional(),
      addressLine: singleLineText(200).optional(),
      addressComplement: singleLineText(200).optional(),
      postalCode: postalCode().optional(),
      city: singleLineText(100).optional(),
      notifyByEmail: vine.boolean().optional(),
      notifyBySms: vine.boolean().optional(),
      locale: vine.enum(['fr', 'en']),
    })
  )
)

/** A new address for the account (/mon-espace/profil/adresse-electronique), with the current password. */
export const emailChangeValidator = formValidator(
  'accounts.email_change',
  vine.compile(
    vine.object({
      newEmail: email(),
      currentPassword: vine.string().maxLength(MAX_PASSWORD_LENGTH),
    })
  )
)

export const householdMemberValidator = formValidator(
  'accounts.household_member',
  vine.compile(
    vine.object({
      kind: vine.enum(['adult', 'child']),
      firstName: personName(),
      lastName: personName(),
      birthDate: pastDate().optional(),
      school: singleLineText(150).optional(),
      schoolClass: singleLineText(50).optional(),
    })
  )
)

/** Linking FranceConnect from the profile: the current password first (never by matching e-mails). */
export const franceConnectLinkValidator = formValidator(
  'accounts.franceconnect_link',
  vine.compile(vine.object({ currentPassword: vine.string().maxLength(MAX_PASSWORD_LENGTH) }))
)
