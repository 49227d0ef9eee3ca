import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import type { RetentionDeclaration } from '#core/modules/retention'

/**
 * Invoices and their payments are accounting records: kept ten years by
 * default (the period the public accounting rules ask for, a setting since
 * a city's accountant may ask otherwise), counted from the invoice's date,
 * and never while one of its payments is younger than that. An invoice goes
 * with its lines and payments, in one transaction.
 */
export const paymentsRetention: RetentionDeclaration[] = [
  {
    key: 'invoices',
    label: 'payments.retention.invoices',
    start: 'payments.retention.invoices_start',
    unit: 'years',
    default: 10,
    max: 100,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'invoices',
        expired: (query, trx) => {
          const before = dbTimestamp(limit, trx)
          query
            .where('created_at', '<', before)
            .whereNotExists((payments) =>
              payments
                .from('payments as later')
                .whereColumn('later.invoice_id', 'invoices.id')
                .where('later.created_at', '>=', before)
            )
        },
        beforeDelete: (rows, trx) =>
          trx
            .from('payments')
            .whereIn(
              'invoice_id',
              rows.map((row) => row.id)
            )
            .delete(),
      }),
  },
]
