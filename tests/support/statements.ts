import db from '@adonisjs/lucid/services/db'

/** The SQL statements the app sends while `work` runs, as the database driver receives them. */
export async function statementsDuring(work: () => Promise<unknown>) {
  const knex = db.manager.get(db.primaryConnectionName)!.connection!.client!
  const statements: string[] = []
  const listener = (query: { sql: string }) => statements.push(query.sql)
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return statements
}
