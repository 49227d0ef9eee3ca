import pg from 'pg'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** A connected client to one database of the suite's PostgreSQL server (the DB_* settings the suite runs with). */
export async function postgresClient(database = process.env.DB_DATABASE ?? 'parvis_test') {
  const client = new pg.Client({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USER ?? 'postgres',
    password: process.env.DB_PASSWORD ?? '',
    database,
  })
  await client.connect()
  return client
}

/**
 * Creates the PostgreSQL test database when it is missing, so that
 * `DB_CONNECTION=pg npm test` works on a fresh PostgreSQL.
 */
export async function ensurePostgresTestDatabase() {
  const database = process.env.DB_DATABASE ?? 'parvis_test'
  const client = await postgresClient('postgres')
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database])
    if (found.rowCount === 0) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`)
    }
  } finally {
    await client.end()
  }
}

/**
 * Empties every table but the migrations' bookkeeping, so each test starts
 * from a known empty database with its ids counting from 1 again.
 *
 * Only the tables a test wrote to are emptied (one query finds them): on
 * PostgreSQL, truncating all of them took 165 ms at every test, deleting the
 * few a test wrote to takes about 2 ms. Sequences that moved are set back
 * (a rolled-back insert moves one too).
 */
export async function truncateAllTables() {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const connection = db.connection()
  const postgres = connection.dialect.name === 'postgres'
  const tables = (await connection.getAllTables(postgres ? ['public'] : undefined)).filter(
    (table) => !table.startsWith('adonis_schema') && table !== 'sqlite_sequence'
  )
  if (tables.length === 0) return
  if (postgres) {
    await emptyPostgresTables(connection, tables)
    return
  }
  const written = await tablesWithRows(connection, tables)
  await connection.rawQuery('PRAGMA foreign_keys = OFF')
  try {
    for (const table of written) await connection.rawQuery(`delete from "${table}"`)
    const hasSequence = await connection.rawQuery(
      `select name from sqlite_master where name = 'sqlite_sequence'`
    )
    if (hasSequence.length) await connection.rawQuery('delete from sqlite_sequence')
  } finally {
    await connection.rawQuery('PRAGMA foreign_keys = ON')
  }
}

/**
 * PostgreSQL: in one transaction that first locks every table against
 * writes, so that another process a test started (a jobs:work, whose
 * scheduler enqueues at the top of the hour) can neither insert between the
 * deletion and the reset of the sequences nor commit afterwards a row
 * numbered by the old sequence: either would leave a row whose id the reset
 * sequence hands out again (duplicate key). Its writes wait for the commit.
 * A deadlock with such a process (PostgreSQL ends one of the two) is retried.
 */
async function emptyPostgresTables(connection: QueryClientContract, tables: string[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      await connection.transaction(async (trx) => {
        await trx.rawQuery(
          `lock table ${tables.map((table) => `"${table}"`).join(', ')} in share row exclusive mode`
        )
        const written = await tablesWithRows(trx, tables)
        // DELETE, children first: a TRUNCATE costs a new file per table, and its
        // CASCADE would pull in every table that points at users or demands.
        for (const table of await deletionOrder(trx, tables)) {
          if (written.includes(table)) await trx.rawQuery(`delete from "${table}"`)
        }
        const moved = await trx.rawQuery(
          `select sequencename, start_value from pg_sequences
            where schemaname = 'public' and last_value is not null
              and sequencename not like 'adonis_schema%'`
        )
        if (moved.rows.length) {
          await trx.rawQuery(
            `select ${moved.rows
              .map(
                (row: { sequencename: string; start_value: string }) =>
                  `setval('"public"."${row.sequencename}"', ${Number(row.start_value)}, false)`
              )
              .join(', ')}`
          )
        }
      })
      return
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 3) throw error
    }
  }
}

/** The tables holding at least one row, found in one statement. */
async function tablesWithRows(
  connection: { rawQuery: (sql: string) => Promise<any>; dialect: { name: string } },
  tables: string[]
): Promise<string[]> {
  const sql = tables
    .map((table) => `select '${table}' as name where exists (select 1 from "${table}")`)
    .join(' union all ')
  const result = await connection.rawQuery(sql)
  const rows: Array<{ name: string }> =
    connection.dialect.name === 'postgres' ? result.rows : result
  return rows.map((row) => row.name)
}

type Edge = { child: string; parent: string }
let knownOrder: { tables: string; order: string[] } | null = null

/**
 * The tables in an order where every table comes before the tables its
 * foreign keys point at (PostgreSQL), computed once per schema.
 */
async function deletionOrder(
  connection: { rawQuery: (sql: string) => Promise<any> },
  tables: string[]
): Promise<string[]> {
  const key = tables.join(',')
  if (knownOrder?.tables === key) return knownOrder.order
  const edges: Edge[] = (
    await connection.rawQuery(
      `select (select relname from pg_class where oid = conrelid) as child,
              (select relname from pg_class where oid = confrelid) as parent
         from pg_constraint
        where contype = 'f' and connamespace = 'public'::regnamespace`
    )
  ).rows
  const children = new Map<string, string[]>()
  for (const { child, parent } of edges) {
    if (child === parent) continue
    children.set(parent, [...(children.get(parent) ?? []), child])
  }
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (table: string) => {
    if (seen.has(table)) return
    seen.add(table)
    for (const child of children.get(table) ?? []) visit(child)
    order.push(table)
  }
  for (const table of tables) visit(table)
  // visit() lists the tables pointing at a table before it: children first.
  knownOrder = { tables: key, order: order.filter((t) => tables.includes(t)) }
  return knownOrder.order
}
