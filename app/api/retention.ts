import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import type { RetentionDeclaration } from '#core/modules/retention'

/**
 * The call log (which client called which route, when, with what status) and
 * the answers kept for idempotency keys (an invoice's payer) go after their
 * period, in the nightly purge of personal data.
 */
export const apiRetention: RetentionDeclaration[] = [
  {
    key: 'api_calls',
    label: 'api.retention.api_calls',
    start: 'api.retention.api_calls_start',
    unit: 'days',
    default: 90,
    max: 3650,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'api_calls',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
      }),
  },
  {
    key: 'api_idempotency_keys',
    label: 'api.retention.api_idempotency_keys',
    start: 'api.retention.api_idempotency_keys_start',
    unit: 'days',
    default: 30,
    max: 365,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'api_idempotency_keys',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
      }),
  },
]
