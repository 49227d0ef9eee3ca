import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { postgresClient, truncateAllTables } from '#tests/support/database'
import { clock } from '#core/clock'

const onPostgres = (process.env.DB_CONNECTION ?? 'sqlite') === 'pg'

const jobRow = (key: string) => ({
  queue: 'default',
  name: 'send_mail',
  payload: '{}',
  idempotency_key: key,
  status: 'pending',
  attempts: 0,
  max_attempts: 5,
  run_at: clock.now().toJSDate(),
  created_at: clock.now().toJSDate(),
  updated_at: clock.now().toJSDate(),
})

test.group('Emptying the tables between tests', () => {
  test('a row another process commits while the tables are emptied is emptied too, and the next insert gets a free id', async ({
    assert,
  }) => {
    // Another process's connection to the test database (a jobs:work started by a test).
    const other = await postgresClient()
    try {
      // The other process inserts in a transaction it has not committed yet.
      await other.query('begin')
      await other.query(
        `insert into jobs (queue, name, payload, idempotency_key, status, attempts, max_attempts, run_at, created_at, updated_at)
         values ('default', 'send_mail', '{}', 'other-process', 'pending', 0, 5, $1, $1, $1)`,
        [clock.now().toJSDate()]
      )
      const emptied = truncateAllTables()
      await new Promise((resolve) => setTimeout(resolve, 300))
      await other.query('commit')
      await emptied

      assert.deepEqual(await db.from('jobs').select('idempotency_key'), [])
      await db.table('jobs').insert(jobRow('after-emptying'))
      await db.table('jobs').insert(jobRow('after-emptying-2'))
      assert.lengthOf(await db.from('jobs').select('id'), 2)
    } finally {
      await other.query('rollback').catch(() => {})
      await other.end()
    }
  })
    .skip(
      !onPostgres,
      'SQLite takes one writer at a time: no other process writes while a test empties the tables'
    )
    .timeout(30_000)
})
