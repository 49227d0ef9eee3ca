import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * SQLite transactions take the write lock when they begin (`BEGIN IMMEDIATE`),
 * not at their first write. A deferred transaction that has read, and then
 * writes after another process committed (a `jobs:work` worker beside the web
 * process), cannot upgrade its stale snapshot: SQLite answers "database is
 * locked" at once, whatever busy_timeout says. Taking the lock first makes
 * concurrent writers wait their turn for up to busy_timeout instead. Knex has
 * no option for it, so its SQLite transaction class is told once, at boot.
 */
export function beginSqliteTransactionsImmediately() {
  const Transaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction.js')
  if (Transaction.prototype.parvisImmediate) return
  Transaction.prototype.parvisImmediate = true
  Transaction.prototype.begin = function (
    this: { query(conn: unknown, sql: string): Promise<unknown> },
    conn: unknown
  ) {
    return this.query(conn, 'BEGIN IMMEDIATE;')
  }
}
