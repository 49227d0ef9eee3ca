import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { CITY_ZONE, clock } from '#core/clock'
import RegisterEntry, { type RegisterRelation } from '../models/register_entry.js'
import type { RegisterInput } from '../validators/register.js'

/** The age from which anyone living at home may be registered, without a disability. */
export const REGISTER_MIN_AGE = 65

/** Why a registration is refused: the field to point at and the message key. */
export class RegisterRefusedError extends Error {
  constructor(
    readonly field: 'birthDate',
    readonly key: string
  ) {
    super(key)
  }
}

/** Whether a person born on `birthDate` (YYYY-MM-DD) is 65 or over on `today`. */
export function oldEnough(birthDate: string, today: string) {
  const born = DateTime.fromISO(birthDate, { zone: CITY_ZONE })
  return born.isValid && born.plus({ years: REGISTER_MIN_AGE }).toISODate()! <= today
}

/**
 * Registers a person in the register of vulnerable people, with their
 * consent: a resident for themself or a relative, or an agent (counter,
 * phone). The register takes people aged 65 and over or disabled; the
 * agents check each registration and place it in a sector.
 */
export default class RegisterPerson {
  async handle(
    by: { userId: number; relation: Exclude<RegisterRelation, 'agent'> } | { agentId: number },
    input: RegisterInput
  ) {
    const today = clock.today()
    if (input.birthDate && !DateTime.fromISO(input.birthDate).isValid)
      throw new RegisterRefusedError('birthDate', 'social.register.errors.no_such_day')
    if (input.birthDate && input.birthDate > today)
      throw new RegisterRefusedError('birthDate', 'social.register.errors.no_such_day')
    if (!input.disabled && !(input.birthDate && oldEnough(input.birthDate, today)))
      throw new RegisterRefusedError('birthDate', 'social.register.errors.not_eligible')
    const now = clock.now()
    const byAgent = 'agentId' in by
    return db.transaction((trx) =>
      RegisterEntry.create(
        {
          userId: byAgent ? null : by.userId,
          agentId: byAgent ? by.agentId : null,
          relation: byAgent ? 'agent' : by.relation,
          firstName: input.firstName,
          lastName: input.lastName,
          birthDate: input.birthDate ?? null,
          disabled: Boolean(input.disabled),
          phone: input.phone,
          addressLine: input.addressLine,
          postalCode: input.postalCode,
          city: input.city,
          sectorId: input.sector ?? null,
          referentName: input.referentName ?? null,
          referentPhone: input.referentPhone ?? null,
          needs: input.needs ?? null,
          consentAt: now,
          // An agent who registers someone has checked what they typed.
          checkedAt: byAgent && input.sector ? now : null,
          confirmedAt: now,
        },
        { client: trx }
      )
    )
  }
}
