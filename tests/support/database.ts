import pg from 'pg'

/**
 * Creates the PostgreSQL test database when it is missing, so that
 * `DB_CONNECTION=pg npm test` works on a fresh PostgreSQL.
 */
export async function ensurePostgresTestDatabase() {
  const database = process.env.DB_DATABASE ?? 'parvis_test'
  const client = new pg.Client({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USER ?? 'postgres',
    password: process.env.DB_PASSWORD ?? '',
    database: 'postgres',
  })
  await client.connect()
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
 * Empties every table but the migrations' bookkeeping, in one statement on
 * PostgreSQL, so each test starts from a known empty database.
 */
export async function truncateAllTables() {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const connection = db.connection()
  const tables = (
    await connection.getAllTables(connection.dialect.name === 'postgres' ? ['public'] : undefined)
  ).filter((table) => !table.startsWith('adonis_schema') && table !== 'sqlite_sequence')
  if (tables.length === 0) return
  if (connection.dialect.name === 'postgres') {
    await connection.rawQuery(
      `truncate ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`
    )
    return
  }
  await connection.rawQuery('PRAGMA foreign_keys = OFF')
  try {
    for (const table of tables) await connection.rawQuery(`delete from "${table}"`)
    const hasSequence = await connection.rawQuery(
      `select name from sqlite_master where name = 'sqlite_sequence'`
    )
    if (hasSequence.length) await connection.rawQuery('delete from sqlite_sequence')
  } finally {
    await connection.rawQuery('PRAGMA foreign_keys = ON')
  }
}
