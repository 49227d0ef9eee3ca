import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 128

let commonPasswords: Set<string> | undefined

function loadCommonPasswords() {
  if (!commonPasswords) {
    const lines = readFileSync(app.makePath('resources/data/common_passwords.txt'), 'utf8').split(
      '\n'
    )
    commonPasswords = new Set(
      lines.map((line) => line.trim().toLowerCase()).filter((line) => line && !line.startsWith('#'))
    )
  }
  return commonPasswords
}

/**
 * Why a password is refused, or null when it is acceptable: too short, in the
 * list of common passwords, one repeated character, or built on the person's
 * own e-mail or name. Length is what matters most (ANSSI, NIST 800-63B), so
 * there is no rule on character classes.
 */
export function weakPasswordReason(
  password: string,
  personal: { email?: string | null; firstName?: string | null; lastName?: string | null } = {}
): 'too_short' | 'too_long' | 'common' | 'personal' | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short'
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long'
  const normalized = password.toLowerCase()
  if (loadCommonPasswords().has(normalized)) return 'common'
  if (/^(.)\1+$/.test(normalized)) return 'common'
  const stripped = normalized.replace(/[^a-z0-9]/g, '')
  const candidates = [personal.email?.split('@')[0], personal.firstName, personal.lastName]
    .map((value) => (value ?? '').toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((value) => value.length >= 4)
  if (
    candidates.some(
      (value) =>
        stripped === value || (stripped.includes(value) && stripped.length - value.length < 6)
    )
  ) {
    return 'personal'
  }
  return null
}

const RULE_NAMES = {
  too_short: 'passwordTooShort',
  too_long: 'passwordTooLong',
  common: 'passwordCommon',
  personal: 'passwordPersonal',
} as const

/**
 * VineJS rule: `vine.string().use(strongPassword())`. Reads the sibling
 * fields email, firstName and lastName when present.
 */
export const strongPassword = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const parent = (field.parent ?? {}) as Record<string, unknown>
    const reason = weakPasswordReason(value, {
      email: typeof parent.email === 'string' ? parent.email : undefined,
      firstName: typeof parent.firstName === 'string' ? parent.firstName : undefined,
      lastName: typeof parent.lastName === 'string' ? parent.lastName : undefined,
    })
    if (reason) {
      const rule = RULE_NAMES[reason]
      field.report(rule, rule, field, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })
    }
  }
)
