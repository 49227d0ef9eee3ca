import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'
import { clock } from '#core/clock'
import { test } from '@japa/runner'
import { freePort, postgres } from '#tests/support/production'

/** A temporary copy of the project, as a contributor's checkout (outside it: cp cannot copy a folder into itself). */
let COPY = ''
const LEFT_OUT = new Set(['node_modules', 'tmp', 'build', '.git', 'storage'])
const onPostgres = (process.env.DB_CONNECTION ?? 'sqlite') === 'pg'
const DATABASE = 'parvis_make_brick'

/** `node ace …` in the copy, with a database and a port of its own, at the suite's moment. */
async function ace(args: string[], sqliteFile: string) {
  const port = await freePort()
  const env = {
    ...process.env,
    ...clock.environment(),
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    SQLITE_PATH: join(COPY, 'tmp', sqliteFile),
    DB_DATABASE: DATABASE,
  }
  const run = spawnSync(process.execPath, ['ace', ...args], {
    cwd: COPY,
    env,
    encoding: 'utf8',
    timeout: 240_000,
  })
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` }
}

const THIS_TEST = 'app/core/tests/functional/make_brick.spec.ts'

/** Files of the copy (sources, config, docs; not this test) that mention one of `needles`. */
function filesNaming(needles: string[], folder = COPY): string[] {
  return readdirSync(folder).flatMap((entry) => {
    if (LEFT_OUT.has(entry)) return []
    const path = join(folder, entry)
    if (statSync(path).isDirectory()) return filesNaming(needles, path)
    if (relative(COPY, path) === THIS_TEST) return []
    const text = readFileSync(path, 'utf8')
    return needles.some((needle) => text.includes(needle)) ? [relative(COPY, path)] : []
  })
}

/** How code names a brick called sample: its folder, views, lang keys, tables, prefix. */
const NAMING_SAMPLE = ['bricks/sample', 'sample::', `'sample.`, 'sample_items', `'/sample'`]

test.group('node ace make:brick', (group) => {
  group.each.setup(() => {
    COPY = mkdtempSync(join(tmpdir(), 'parvis-make-brick-'))
    cpSync(app.makePath(), COPY, {
      recursive: true,
      filter: (source) => !LEFT_OUT.has(relative(app.makePath(), source).split('/')[0]),
    })
    symlinkSync(app.makePath('node_modules'), join(COPY, 'node_modules'), 'dir')
    mkdirSync(join(COPY, 'tmp'))
    return async () => {
      rmSync(COPY, { recursive: true, force: true })
      if (onPostgres) await postgres(`drop database if exists "${DATABASE}" with (force)`)
    }
  })

  test('a generated brick passes its own test as generated, and removing it leaves a working portal', async ({
    assert,
  }) => {
    const made = await ace(['make:brick', 'sample', '--title', 'Exemple'], 'unused.sqlite3')
    assert.equal(made.status, 0, made.output)
    for (const file of [
      'manifest.ts',
      'routes/front.ts',
      'routes/back.ts',
      'controllers/items_controller.ts',
      'models/item.ts',
      'validators/item.ts',
      'views/index.edge',
      'views/agents.edge',
      'lang/fr/sample.json',
      'lang/en/sample.json',
      'tests/functional/sample.spec.ts',
      'README.md',
    ]) {
      assert.isTrue(
        existsSync(join(COPY, 'bricks/sample', file)),
        `bricks/sample/${file} is generated`
      )
    }
    assert.lengthOf(readdirSync(join(COPY, 'bricks/sample/database/migrations')), 1)
    // One line installs it, and it is the only file outside its folder naming it.
    assert.include(readFileSync(join(COPY, 'config/bricks.ts'), 'utf8'), `\n  'bricks/sample',\n]`)
    assert.deepEqual(
      filesNaming(NAMING_SAMPLE).filter((file) => !file.startsWith('bricks/sample/')),
      ['config/bricks.ts']
    )

    const generatedTest = await ace(
      ['test', '--files=bricks/sample/tests/functional/sample.spec.ts'],
      'with-brick.sqlite3'
    )
    assert.equal(generatedTest.status, 0, generatedTest.output)
    assert.match(generatedTest.output, /Tests\s+4 passed \(4\)/)

    // Removing it: its folder and its line.
    rmSync(join(COPY, 'bricks/sample'), { recursive: true })
    const config = join(COPY, 'config/bricks.ts')
    writeFileSync(config, readFileSync(config, 'utf8').replace(`\n  'bricks/sample',`, ''))
    assert.deepEqual(filesNaming(NAMING_SAMPLE), [])
    const portal = await ace(
      ['test', '--files=app/portal/tests/functional/portal.spec.ts'],
      'without-brick.sqlite3'
    )
    assert.equal(portal.status, 0, portal.output)
    assert.match(portal.output, /PASSED/)
  }).timeout(600_000)

  test('a name that is not snake_case, a reserved prefix or an existing brick is refused and nothing is written', async ({
    assert,
  }) => {
    const before = readFileSync(join(COPY, 'config/bricks.ts'), 'utf8')
    // Whichever brick this copy has installed: the core knows none by name.
    const existing = readdirSync(join(COPY, 'bricks'), { withFileTypes: true }).find((entry) =>
      entry.isDirectory()
    )!.name
    for (const args of [
      ['Sample-Brick'],
      ['sample', '--prefix', '/agents'],
      ['sample', '--service', 'voirie-sample'],
      [existing],
      ['demands'],
    ]) {
      const refused = await ace(['make:brick', ...args], 'unused.sqlite3')
      assert.equal(refused.status, 1, `make:brick ${args.join(' ')} is refused`)
    }
    assert.isFalse(existsSync(join(COPY, 'bricks/sample')))
    assert.equal(readFileSync(join(COPY, 'config/bricks.ts'), 'utf8'), before)
  }).timeout(120_000)
})
