import type { I18n } from '@adonisjs/i18n'
import type User from '#accounts/models/user'
import type { ProfileInput } from '#accounts/actions/update_profile'
import { toDateTime } from '#core/services/dates'
import { errors } from '@vinejs/vine'

/**
 * The name and birth date FranceConnect certified stay as they are while the
 * account is linked: a profile form that changes them is refused, field by
 * field (the rest of the profile is saved once they are left as they were).
 */
export function refuseCertifiedIdentityChange(user: User, input: ProfileInput, i18n: I18n) {
  if (!user.identityVerifiedByFranceConnect) return
  const birthDate = toDateTime(input.birthDate)?.toISODate() ?? null
  const changed = [
    input.firstName !== user.firstName && 'firstName',
    input.lastName !== user.lastName && 'lastName',
    birthDate !== (user.birthDate?.toISODate() ?? null) && 'birthDate',
  ].filter((field): field is string => typeof field === 'string')
  if (changed.length === 0) return
  const message = i18n.t('franceconnect.locked_error')
  throw new errors.E_VALIDATION_ERROR(
    changed.map((field) => ({ field, message, rule: 'certified' }))
  )
}
