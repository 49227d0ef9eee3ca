import { CITY_ZONE } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import type { RetentionDeclaration } from '#core/modules/retention'

/** What the register of vulnerable people keeps, and for how long. */
export const registerRetention: RetentionDeclaration[] = [
  {
    // A registration not confirmed since (by its registration or an agent's check) goes, with its calls.
    key: 'vulnerable_register',
    label: 'social.register.retention.entries',
    start: 'social.register.retention.entries_start',
    unit: 'months',
    default: 24,
    max: 60,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'social_register_entries',
        expired: (query, trx) => query.where('confirmed_at', '<', dbTimestamp(limit, trx)),
        beforeDelete: (rows, trx) =>
          trx
            .from('social_alert_calls')
            .whereIn(
              'entry_id',
              rows.map((row) => row.id)
            )
            .delete(),
      }),
  },
  {
    // An alert's calls are kept for its review, then go with the alert.
    key: 'alert_calls',
    label: 'social.alerts.retention.calls',
    start: 'social.alerts.retention.calls_start',
    unit: 'months',
    default: 12,
    max: 60,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'social_alerts',
        expired: (query) => query.where('ends_on', '<', limit.setZone(CITY_ZONE).toISODate()!),
        beforeDelete: (rows, trx) =>
          trx
            .from('social_alert_calls')
            .whereIn(
              'alert_id',
              rows.map((row) => row.id)
            )
            .delete(),
      }),
  },
]
