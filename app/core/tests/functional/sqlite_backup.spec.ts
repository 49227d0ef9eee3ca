import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs'
import { DateTime } from 'luxon'
import Database from 'better-sqlite3'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { backupSqlite } from '#core/database/sqlite_backup'
import { engineOf } from '#core/database/dialect'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import {
  buildForProduction,
  CookieJar,
  csrfToken,
  productionInstall,
  type ProductionInstall,
} from '#tests/support/production'

const ONLY_SQLITE = 'SQLite only: a PostgreSQL database is backed up with pg_dump (README)'
const folder = app.makePath('tmp', `backups-test-${process.pid}`)
const day = (iso: string) => DateTime.fromISO(`${iso}T02:30`, { zone: 'Europe/Paris' })

test.group('Backups of the embedded database', (group) => {
  let install: ProductionInstall | null = null
  group.each.setup(() => rmSync(folder, { recursive: true, force: true }))
  group.each.teardown(async () => {
    await install?.stop()
    install = null
    rmSync(folder, { recursive: true, force: true })
  })

  test('a backup is a whole copy of the database taken while it runs, named by its day; the latest ones are kept', async ({
    assert,
  }) => {
    const resident = await createResident()
    for (const date of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'])
      await backupSqlite(folder, 3, day(date))
    // The same day twice: the second copy replaces the first.
    const { file, removed } = await backupSqlite(folder, 3, day('2026-12-04'))

    assert.deepEqual(readdirSync(folder).sort(), [
      'parvis-2026-12-02.sqlite3',
      'parvis-2026-12-03.sqlite3',
      'parvis-2026-12-04.sqlite3',
    ])
    assert.deepEqual(removed, [])
    const copy = new Database(file, { readonly: true })
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok')
      const row = copy.prepare('select email from users where id = ?').get(resident.id) as {
        email: string
      }
      assert.equal(row.email, resident.email)
    } finally {
      copy.close()
    }
  }).skip(engineOf() !== 'sqlite', ONLY_SQLITE)

  test('a backup restored as the README says (stop, copy over the database, start) serves the city as it was', async ({
    assert,
  }) => {
    const resident = await createResident({ email: 'restauree@example.org' })
    const { file } = await backupSqlite(folder, 14, day('2026-12-06'))
    await resident.delete()

    await buildForProduction()
    install = await productionInstall('restore_test')
    const database = install.env.SQLITE_PATH
    copyFileSync(file, database)
    assert.isFalse(existsSync(`${database}-wal`))
    await install.startServer()

    const browser = new CookieJar()
    const form = await browser.fetch(`${install.url}/connexion`)
    const login = await browser.fetch(`${install.url}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrfToken(await form.text()),
        email: 'restauree@example.org',
        password: GOOD_PASSWORD,
      }).toString(),
    })
    assert.equal(login.status, 303)
    assert.equal(login.headers.get('location'), '/mon-espace')
  })
    .skip(engineOf() !== 'sqlite', ONLY_SQLITE)
    .timeout(600_000)
})
