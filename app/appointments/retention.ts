import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import type { RetentionDeclaration } from '#core/modules/retention'

/**
 * An appointment (who came, with their contact details) is kept a year after
 * its date by default, then deleted with the time units it held; waiting-list
 * entries go some months after they were made, whether they were served or not.
 */
export const appointmentsRetention: RetentionDeclaration[] = [
  {
    key: 'appointments',
    label: 'appointments.retention.appointments',
    start: 'appointments.retention.appointments_start',
    unit: 'months',
    default: 12,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'appointments',
        expired: (query, trx) => query.where('starts_at', '<', dbTimestamp(limit, trx)),
      }),
  },
  {
    key: 'waiting_list_entries',
    label: 'appointments.retention.waiting_list_entries',
    start: 'appointments.retention.waiting_list_entries_start',
    unit: 'months',
    default: 6,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'waiting_list_entries',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
      }),
  },
]
