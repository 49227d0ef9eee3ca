import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import type { RetentionDeclaration } from '#core/modules/retention'

/**
 * The call log (which client called which route, when, with what status) and
 * the answers kept for idempotency keys (an invoice's payer), and the webhook
 * deliveries sent (or dead) with their attempts go after their period, in the
 * nightly purge of personal data.
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
  {
    // A delivery's payload tells of a change (ids, a service, a status): kept for replays and the connectors page, then gone.
    key: 'webhook_deliveries',
    label: 'api.retention.webhook_deliveries',
    start: 'api.retention.webhook_deliveries_start',
    unit: 'days',
    default: 30,
    max: 365,
    purge: async (limit) => {
      // Attempts first (their own age), then the finished deliveries with theirs; pending and held ones wait for their endpoint.
      const attempts = await purgeExpiredRows({
        table: 'webhook_attempts',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
      })
      const deliveries = await purgeExpiredRows({
        table: 'webhook_deliveries',
        expired: (query, trx) =>
          query
            .where('created_at', '<', dbTimestamp(limit, trx))
            .whereIn('status', ['delivered', 'dead']),
        beforeDelete: (rows, trx) =>
          trx
            .from('webhook_attempts')
            .whereIn(
              'webhook_delivery_id',
              rows.map((row) => row.id)
            )
            .delete(),
      })
      return attempts + deliveries
    },
  },
]
