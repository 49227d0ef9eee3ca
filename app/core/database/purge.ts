import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { RETENTION_BATCH } from '#core/modules/retention'

export interface PurgeOptions<Row extends { id: number }> {
  table: string
  /** columns read besides `id` (a file's storage key, deleted once the rows are gone) */
  columns?: string[]
  /** narrows the query to the rows that expired */
  expired: (query: DatabaseQueryBuilderContract, trx: TransactionClientContract) => void
  /** in the batch's transaction, before its rows are deleted (children without a cascade, audit links…) */
  beforeDelete?: (rows: Row[], trx: TransactionClientContract) => Promise<unknown>
  /** once the batch is committed (files in Drive: a rollback must not have lost them) */
  afterCommit?: (rows: Row[]) => Promise<unknown>
}

/**
 * Deletes a table's expired rows, RETENTION_BATCH at a time, each batch in
 * its own transaction (a long purge never holds its locks for long);
 * returns how many went.
 */
export async function purgeExpiredRows<Row extends { id: number }>(options: PurgeOptions<Row>) {
  let total = 0
  for (;;) {
    const rows = await db.transaction(async (trx) => {
      const query = trx.from(options.table).select('id', ...(options.columns ?? []))
      options.expired(query, trx)
      const found: Row[] = await query.orderBy('id').limit(RETENTION_BATCH)
      if (found.length === 0) return found
      await options.beforeDelete?.(found, trx)
      await trx
        .from(options.table)
        .whereIn(
          'id',
          found.map((row) => row.id)
        )
        .delete()
      return found
    })
    if (rows.length === 0) return total
    await options.afterCommit?.(rows)
    total += rows.length
  }
}
