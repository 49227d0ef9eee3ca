import type { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import { toDateTime } from '#core/services/dates'

export interface ProfileInput {
  firstName: string
  lastName: string
  birthDate?: DateTime | Date
  phone?: string
  addressLine?: string
  addressComplement?: string
  postalCode?: string
  city?: string
  notifyByEmail?: boolean
  notifyBySms?: boolean
  locale: 'fr' | 'en'
}

/** Saves what the resident tells about themself; empty optional fields are cleared. */
export default class UpdateProfile {
  async handle(user: User, input: ProfileInput) {
    user.merge({
      firstName: input.firstName,
      lastName: input.lastName,
      birthDate: toDateTime(input.birthDate),
      phone: input.phone ?? null,
      addressLine: input.addressLine ?? null,
      addressComplement: input.addressComplement ?? null,
      postalCode: input.postalCode ?? null,
      city: input.city ?? null,
      notifyByEmail: input.notifyByEmail ?? false,
      notifyBySms: input.notifyBySms ?? false,
      locale: input.locale,
    })
    await user.save()
    return user
  }
}
