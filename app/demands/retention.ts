import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import type { RetentionDeclaration } from '#core/modules/retention'

/**
 * The notices of a resident's space ("your demand was accepted") go a year
 * after they were made by default, read or not; closed demands keep their
 * own retention per procedure (see jobs/apply_retention.ts), and their
 * notices go with them if that comes first.
 */
export const demandsRetention: RetentionDeclaration[] = [
  {
    key: 'notifications',
    label: 'demands.retention.notifications',
    start: 'demands.retention.notifications_start',
    unit: 'months',
    default: 12,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'notifications',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
      }),
  },
]
