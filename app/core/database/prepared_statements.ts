import { createHash } from 'node:crypto'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { StrictValues } from '@adonisjs/lucid/types/querybuilder'
import env from '#start/env'
import { engineOf } from '#core/database/dialect'

/*
 * Statements sent on most requests (the session's read, the agents' inbox)
 * are better parsed and planned once per database connection than at each
 * execution: PostgreSQL planned the session's read (two joins and the
 * agent's access) at every request, which cost it more than running it. Given
 * a name, PostgreSQL keeps a statement for the connection's life, and after a
 * few executions runs it on its generic plan when that plan is no worse than
 * the ones made for the values.
 *
 * A connection pooler in transaction mode older than PgBouncer 1.21 (or
 * without its max_prepared_statements) cannot follow named statements across
 * connections: DB_PREPARED_STATEMENTS=false sends them unnamed, as every
 * other statement. SQLite has nothing to name (better-sqlite3 prepares each
 * statement anyway).
 *
 * A name stands for one SQL text on a connection, so it is made from the
 * text: `label` and a digest of the SQL. A query whose text varies with its
 * filters is a few statements, one per shape.
 *
 * A kept statement outlives a migration run by another process: PostgreSQL
 * plans it again when a table it reads changed, but refuses it when a
 * column it returns changed type ("cached plan must not change result
 * type"). Every name then gets a new generation and the read is sent again
 * (outside a transaction; inside one, the transaction fails and the next
 * read goes under the new names), rather than failing until the process
 * restarts.
 */

/** Names already worked out, by SQL text (bounded: shapes are few, and a runaway is only slower). */
const names = new Map<string, string>()
const KEPT_NAMES = 500
let generation = 0

function statementName(label: string, sql: string) {
  let name = names.get(sql)
  if (!name) {
    name = `parvis_${label}_${createHash('sha256').update(sql).digest('base64url').slice(0, 16)}_${generation}`
    if (names.size >= KEPT_NAMES) names.clear()
    names.set(sql, name)
  }
  return name
}

function preparing(client: QueryClientContract) {
  return engineOf(client) === 'postgres' && env.get('DB_PREPARED_STATEMENTS', true) !== false
}

/** Runs a read, as a statement PostgreSQL keeps for the connection; its rows. */
export async function selectPrepared<Row = Record<string, unknown>>(
  client: QueryClientContract,
  label: string,
  sql: string,
  bindings: readonly unknown[]
): Promise<Row[]> {
  const run = async () => {
    const query = client.rawQuery(sql, bindings as StrictValues[])
    if (preparing(client)) query.knexQuery.options({ name: statementName(label, sql) })
    const result = await query
    return Array.isArray(result) ? result : result.rows
  }
  try {
    return await run()
  } catch (error) {
    if (!resultTypeChanged(error)) throw error
    generation++
    names.clear()
    // Inside a transaction PostgreSQL accepts nothing more after an error: the next read gets the new names.
    if (client.isTransaction) throw error
    return await run()
  }
}

/** PostgreSQL's refusal of a kept statement whose result columns changed type under it. */
function resultTypeChanged(error: unknown) {
  const { code, message } = error as { code?: string; message?: string }
  return code === '0A000' && /cached plan must not change result type/.test(message ?? '')
}
