import { errors } from '@vinejs/vine'

/**
 * A field error found after validation (an e-mail already taken…), raised as
 * a validation error so the form shows it next to the field and in the
 * summary, keeping what was typed, exactly like VineJS's own errors.
 */
export function fieldError(field: string, message: string, rule = 'custom') {
  return new errors.E_VALIDATION_ERROR([{ field, message, rule }])
}
