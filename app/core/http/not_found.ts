import { Exception } from '@adonisjs/core/exceptions'

/**
 * "Not here, or not yours": thrown by a lookup instead of returning early
 * with `notFoundPage(ctx)`. The exception handler answers it with the same
 * "Page introuvable" page (status 404, in the reader's language) for
 * residents, agents and visitors alike, in every environment, and does not
 * log it: a missing page is not an incident.
 */
export class NotFoundError extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'
}

/** The value, or a 404 when it is null or undefined: `const demand = found(await findOwnDemand(user, id))`. */
export function found<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new NotFoundError()
  return value
}

/** A 404 unless the condition holds: `assertFound(appointment.status === 'booked')`. Narrows types like `if`. */
export function assertFound(condition: unknown): asserts condition {
  if (!condition) throw new NotFoundError()
}
