import db from '@adonisjs/lucid/services/db'

export interface SentQuery {
  sql: string
  /** the name PostgreSQL was asked to keep the statement under, if any (prepared_statements.ts) */
  name?: string
}

/** The queries the app sends while `work` runs, as the database driver receives them. */
export async function queriesDuring(work: () => Promise<unknown>) {
  const knex = db.manager.get(db.primaryConnectionName)!.connection!.client!
  const queries: SentQuery[] = []
  const listener = (query: { sql: string; options?: { name?: string } }) =>
    queries.push({ sql: query.sql, name: query.options?.name })
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return queries
}

/** The SQL statements the app sends while `work` runs. */
export async function statementsDuring(work: () => Promise<unknown>) {
  return (await queriesDuring(work)).map((query) => query.sql)
}
