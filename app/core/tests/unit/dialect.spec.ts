import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { containsInsensitive, engineOf, escapeLike, lockForUpdate } from '#core/database/dialect'
import { clock } from '#core/clock'

test.group('Database dialect', () => {
  test('knows which engine the tests run on', ({ assert }) => {
    assert.equal(engineOf(), process.env.DB_CONNECTION === 'pg' ? 'postgres' : 'sqlite')
  })

  test('escapes LIKE wildcards typed by a user', ({ assert }) => {
    assert.equal(escapeLike('50%_a\\b'), '50\\%\\_a\\\\b')
  })

  test('finds rows case-insensitively with the same call on both engines', async ({ assert }) => {
    await db.table('services').multiInsert([
      {
        slug: 'etat_civil',
        name: 'État civil',
        active: true,
        created_at: clock.date(),
        updated_at: clock.date(),
      },
      {
        slug: 'solidarites',
        name: 'Solidarités',
        active: true,
        created_at: clock.date(),
        updated_at: clock.date(),
      },
      {
        slug: 'remise',
        name: '50% Remise',
        active: true,
        created_at: clock.date(),
        updated_at: clock.date(),
      },
    ])
    const client = db.connection()
    const search = async (term: string) => {
      const condition = containsInsensitive(client, ['name', 'slug'], term)
      const rows = await client
        .from('services')
        .whereRaw(condition.sql, condition.bindings)
        .orderBy('slug')
      return rows.map((row) => row.slug)
    }
    assert.deepEqual(await search('SOLIDAR'), ['solidarites'])
    assert.deepEqual(await search('civil'), ['etat_civil'])
    assert.deepEqual(await search('50%'), ['remise'])
    assert.deepEqual(await search('%'), ['remise'])
  })

  test('adds FOR UPDATE SKIP LOCKED only on PostgreSQL', ({ assert }) => {
    const client = db.connection()
    const sql = lockForUpdate(client.from('services').select('id'), client, {
      skipLocked: true,
    }).toQuery()
    if (engineOf(client) === 'postgres') {
      assert.include(sql, 'for update skip locked')
    } else {
      assert.notInclude(sql.toLowerCase(), 'for update')
    }
  })
})
