import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { engineOf } from '#core/database/dialect'
import { selectPrepared } from '#core/database/prepared_statements'
import { Visitor } from '#tests/support/visitor'
import { queriesDuring } from '#tests/support/statements'
import { setEnvForTest } from '#tests/support/environment'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'

const onPostgres = () => engineOf() === 'postgres'
const onPostgresRun = (process.env.DB_CONNECTION ?? 'sqlite') === 'pg'

/** The statements PostgreSQL keeps for the connection of this transaction, by name. */
async function keptStatements(trx: Parameters<typeof selectPrepared>[0]) {
  const rows = await trx.rawQuery('select name, statement from pg_prepared_statements')
  return new Map<string, string>(rows.rows.map((row: any) => [row.name, row.statement]))
}

test.group('Statements sent at most requests are prepared once per connection', () => {
  test('a prepared read answers with its rows; on PostgreSQL it is kept under a name made from its text, and run again under that name', async ({
    assert,
  }) => {
    const bindings = [20, 22]
    const sql = 'select cast(? as integer) + cast(? as integer) as total'
    await db.transaction(async (trx) => {
      const first = await selectPrepared<{ total: number }>(trx, 'probe', sql, bindings)
      const again = await selectPrepared<{ total: number }>(trx, 'probe', sql, [1, 2])
      assert.equal(Number(first[0].total), 42)
      assert.equal(Number(again[0].total), 3)
      if (!onPostgres()) return
      const kept = [...(await keptStatements(trx))].filter(([name]) =>
        name.startsWith('parvis_probe_')
      )
      assert.lengthOf(kept, 1, 'one statement for one text, however often it runs')
      assert.include(kept[0][1], '$1')
      await selectPrepared(trx, 'probe', `${sql} -- another shape`, bindings)
      const shapes = [...(await keptStatements(trx)).keys()].filter((name) =>
        name.startsWith('parvis_probe_')
      )
      assert.lengthOf(shapes, 2, 'another text is another statement')
    })
  })

  test('a kept read whose column changed type under it (a migration by another process) is sent again, not failed', async ({
    assert,
    cleanup,
  }) => {
    // One connection, as a process's pool reuses its connections: the statement is kept on it.
    const primary = db.manager.get(db.primaryConnectionName)!.config
    db.manager.add('prepared_probe', { ...primary, pool: { min: 0, max: 1 } } as typeof primary)
    const connection = db.connection('prepared_probe')
    cleanup(async () => {
      await connection.rawQuery('drop table if exists prepared_probe')
      await db.manager.close('prepared_probe')
    })
    await connection.rawQuery('create table prepared_probe (value integer)')
    await connection.rawQuery('insert into prepared_probe (value) values (7)')
    const sql = 'select value from prepared_probe'
    assert.deepEqual(await selectPrepared(connection, 'changing', sql, []), [{ value: 7 }])
    await connection.rawQuery('alter table prepared_probe alter column value type text')
    assert.deepEqual(await selectPrepared(connection, 'changing', sql, []), [{ value: '7' }])
  }).skip(!onPostgresRun, 'SQLite keeps no statement between queries: nothing to refuse')

  test('DB_PREPARED_STATEMENTS=false sends them unnamed, for a pooler that cannot keep them', async ({
    assert,
    cleanup,
  }) => {
    cleanup(setEnvForTest('DB_PREPARED_STATEMENTS', false))
    const queries = await queriesDuring(() =>
      selectPrepared(db.connection(), 'probe_off', 'select 1 as one', [])
    )
    assert.lengthOf(queries, 1)
    assert.isUndefined(queries[0].name)
  })

  test('the agents’ inbox sends its session read and its rows as named statements on PostgreSQL only', async ({
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const device = new Visitor()
    const login = await device.submit('/agents/connexion', '/agents/connexion', {
      email: agent.email,
      password: GOOD_PASSWORD,
    })
    assert.equal(login.status, 303)
    let status = 0
    const queries = await queriesDuring(async () => {
      status = (await device.get('/agents/demandes')).status
    })
    assert.equal(status, 200)
    const sessionRead = queries.find((query) => /from ["`]sessions["`]/i.test(query.sql))
    const inbox = queries.find((query) => /from ["`]demands["`]/i.test(query.sql))
    assert.exists(sessionRead, queries.map((query) => query.sql).join('\n'))
    assert.exists(inbox, queries.map((query) => query.sql).join('\n'))
    if (onPostgres()) {
      assert.match(sessionRead!.name ?? '', /^parvis_session_read_/)
      assert.match(inbox!.name ?? '', /^parvis_inbox_/)
    } else {
      assert.isUndefined(sessionRead!.name)
      assert.isUndefined(inbox!.name)
    }
  })
})
