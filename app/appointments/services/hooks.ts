import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Appointment from '#appointments/models/appointment'

/**
 * What a brick does when an appointment of one of its meeting types is
 * booked, moved or cancelled (declare it to a national system…), inside the
 * same transaction: usually enqueuing a job, so that nothing is announced
 * that was not saved and the call is retried until it succeeds.
 */
export interface AppointmentHooks {
  booked?(trx: TransactionClientContract, appointment: Appointment): Promise<void>
  moved?(trx: TransactionClientContract, appointment: Appointment, previous: { startsAt: string; meetingPointId: number }): Promise<void>
  cancelled?(trx: TransactionClientContract, appointment: Appointment): Promise<void>
  /** where a resident books this type (for waiting-list alerts) */
  bookingPath?: string
}

const hooks = new Map<string, AppointmentHooks>()

/** Registers hooks for meeting types whose key starts with `prefix` (a brick's name). */
export function registerAppointmentHooks(prefix: string, definition: AppointmentHooks) {
  hooks.set(prefix, definition)
}

export function hooksFor(typeKey: string): AppointmentHooks {
  for (const [prefix, definition] of hooks) if (typeKey.startsWith(prefix)) return definition
  return {}
}
