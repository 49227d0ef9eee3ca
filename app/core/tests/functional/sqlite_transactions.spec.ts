import Database from 'better-sqlite3'
import db from '@adonisjs/lucid/services/db'
import { test } from '@japa/runner'

const onSqlite = (process.env.DB_CONNECTION ?? 'sqlite') === 'sqlite'

test.group('SQLite transactions and a second process', () => {
  test('a transaction holds the write lock from its start: another connection cannot write until it commits, then can', async ({
    assert,
  }) => {
    const filename = (
      db.connection().getWriteClient().client.config.connection as { filename: string }
    ).filename
    // A second process's connection, which does not wait for locks.
    const other = new Database(filename, { timeout: 0 })
    try {
      await db
        .table('settings')
        .insert({ key: 'lock_probe', value: 'before', updated_at: '2026-12-01 10:00:00' })
      await db.transaction(async (trx) => {
        // Only a read so far: a deferred transaction would not hold the lock yet.
        await trx.from('settings').where('key', 'lock_probe').first()
        assert.throws(
          () => other.prepare("update settings set value = 'other' where key = 'lock_probe'").run(),
          /database is locked/
        )
        await trx.from('settings').where('key', 'lock_probe').update({ value: 'mine' })
      })
      other.prepare("update settings set value = 'other' where key = 'lock_probe'").run()
      const row = await db.from('settings').where('key', 'lock_probe').first()
      assert.equal(row.value, 'other')
    } finally {
      other.close()
    }
  }).skip(!onSqlite, 'SQLite only: PostgreSQL locks rows, not the database')
})
