import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Appointment from '#appointments/models/appointment'
import modules from '#core/services/modules'

/**
 * What a brick does when an appointment of one of its meeting types is
 * booked, moved or cancelled (declare it to a national system…), inside the
 * same transaction: usually enqueuing a job, so that nothing is announced
 * that was not saved and the call is retried until it succeeds.
 */
export interface AppointmentHooks {
  booked?(trx: TransactionClientContract, appointment: Appointment): Promise<void>
  moved?(
    trx: TransactionClientContract,
    appointment: Appointment,
    previous: { startsAt: string; meetingPointId: number }
  ): Promise<void>
  cancelled?(trx: TransactionClientContract, appointment: Appointment): Promise<void>
  /** where a resident books this type (for waiting-list alerts) */
  bookingPath?: string
}

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /**
     * hooks by meeting-type key prefix (a brick's name), imported on first
     * use: `appointmentHooks: () => import('./appointments.js')`, whose default
     * export is `{ <type key>: { booked, moved, cancelled, bookingPath } }`
     */
    appointmentHooks?: () => Promise<{ default: Record<string, AppointmentHooks> }>
  }
}

/* each module's hooks, once imported */
const imported = new Map<string, Record<string, AppointmentHooks>>()

/**
 * The hooks of a meeting type, from the enabled modules' manifests: a
 * disabled brick's hooks do not run (its jobs are unknown while it is
 * disabled).
 */
export async function hooksFor(typeKey: string): Promise<AppointmentHooks> {
  for (const { definition } of modules.enabledModules()) {
    if (!definition.appointmentHooks) continue
    let hooks = imported.get(definition.name)
    if (!hooks) {
      hooks = (await definition.appointmentHooks()).default
      imported.set(definition.name, hooks)
    }
    for (const [prefix, found] of Object.entries(hooks))
      if (typeKey.startsWith(prefix)) return found
  }
  return {}
}
