import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * The one place that knows how SQLite and PostgreSQL differ. Everything
 * engine-specific (row locks, case-insensitive search, …) goes through here,
 * so the rest of the code writes one query for both engines.
 */
export type Engine = 'sqlite' | 'postgres'

export function engineOf(client: QueryClientContract = db.connection()): Engine {
  return client.dialect.name === 'postgres' ? 'postgres' : 'sqlite'
}

interface LockableQuery {
  forUpdate(): unknown
  skipLocked(): unknown
}

/**
 * Locks the selected rows until the transaction ends. On SQLite a write
 * transaction already holds the database lock, so there is nothing to add.
 */
export function lockForUpdate<T extends LockableQuery>(
  query: T,
  client: QueryClientContract,
  options: { skipLocked?: boolean } = {}
): T {
  if (engineOf(client) === 'postgres') {
    query.forUpdate()
    if (options.skipLocked) query.skipLocked()
  }
  return query
}

/** Escapes LIKE wildcards in user input so "50%" searches for "50%". */
export function escapeLike(term: string) {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`)
}

/**
 * A case-insensitive "contains" condition on several columns, as a raw SQL
 * fragment with its bindings: ILIKE on PostgreSQL, LIKE on SQLite (which is
 * case-insensitive for ASCII; lower() covers the rest of what SQLite knows).
 */
export function containsInsensitive(client: QueryClientContract, columns: string[], term: string) {
  const pattern = `%${escapeLike(term.toLowerCase())}%`
  const operator = engineOf(client) === 'postgres' ? 'ILIKE' : 'LIKE'
  const sql = columns.map((column) => `lower(${column}) ${operator} ? ESCAPE '\\'`).join(' OR ')
  return { sql: `(${sql})`, bindings: columns.map(() => pattern) }
}

/**
 * A timestamp as Lucid writes it for this engine, so raw queries compare and
 * store dates exactly like the models do.
 */
export function dbTimestamp(
  value: { toFormat(format: string): string },
  client: QueryClientContract = db.connection()
) {
  return value.toFormat(client.dialect.dateTimeFormat)
}

/**
 * A timestamp read without a model (`.pojo()`, raw queries) as a model's
 * `column.dateTime` would read it: a Date from PostgreSQL, SQL text from SQLite.
 */
export function storedTimestamp(value: Date | string | null | undefined): DateTime | null {
  if (value === null || value === undefined) return null
  return value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
}

/**
 * The same timestamp as an instant in epoch milliseconds, for long lists that
 * only compare and print their dates: PostgreSQL's Date is read as is, with
 * no Luxon object per value (the inbox reads 150 timestamps per page).
 */
export function storedInstantMs(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined) return null
  return value instanceof Date ? value.getTime() : DateTime.fromSQL(value).toMillis()
}

/**
 * An aggregate that joins a column's values into one text, `separator`
 * between them (null when there are none): `string_agg` on PostgreSQL,
 * `group_concat` on SQLite. `expression` is SQL the caller writes.
 */
export function joinedValues(expression: string, separator: string, client: QueryClientContract) {
  const quoted = `'${separator.replaceAll("'", "''")}'`
  return engineOf(client) === 'postgres'
    ? `string_agg(${expression}, ${quoted})`
    : `group_concat(${expression}, ${quoted})`
}
