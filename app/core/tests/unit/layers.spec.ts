import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'

/** Runs `npm run deps`' analyser (its config, its rules) on the given files only. */
function cruise(files: string[]) {
  const run = spawnSync(
    process.execPath,
    [
      app.makePath('node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err-long',
      ...files,
    ],
    {
      cwd: app.makePath(),
      encoding: 'utf8',
      timeout: 120_000,
    }
  )
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` }
}

test.group('Layers (npm run deps)', () => {
  test('an upward import from core to demands fails the check, and the report names the import', async ({
    assert,
  }) => {
    const wrong = app.makePath('app/core/deliberately_wrong_import.ts')
    writeFileSync(
      wrong,
      "import Demand from '#demands/models/demand'\n\nexport const table = Demand.table\n"
    )
    try {
      const result = cruise(['app/core/deliberately_wrong_import.ts'])
      assert.notEqual(result.status, 0)
      assert.include(result.output, 'layer-core')
      assert.include(
        result.output,
        'app/core/deliberately_wrong_import.ts → app/demands/models/demand.ts'
      )
    } finally {
      rmSync(wrong, { force: true })
    }
  }).timeout(120_000)

  test('a brick importing another brick fails the check', async ({ assert }) => {
    // A throwaway brick folder importing whichever brick is installed: the core names none.
    const other = readdirSync(app.makePath('bricks'), { withFileTypes: true }).find((entry) =>
      entry.isDirectory()
    )!.name
    const folder = app.makePath('bricks/deliberately_wrong')
    mkdirSync(folder, { recursive: true })
    writeFileSync(
      join(folder, 'wrong_import.ts'),
      `import manifest from '../${other}/manifest.js'\n\nexport const name = manifest.name\n`
    )
    try {
      const result = cruise(['bricks/deliberately_wrong/wrong_import.ts'])
      assert.notEqual(result.status, 0)
      assert.include(result.output, 'brick-to-brick')
      assert.include(
        result.output,
        `bricks/deliberately_wrong/wrong_import.ts → bricks/${other}/manifest.ts`
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }).timeout(120_000)

  test('an import through a "#" alias the check cannot resolve fails it, so no module is out of its sight', async ({
    assert,
  }) => {
    const wrong = app.makePath('app/core/deliberately_unknown_alias.ts')
    writeFileSync(wrong, "export { default } from '#nowhere/models/thing'\n")
    try {
      const result = cruise(['app/core/deliberately_unknown_alias.ts'])
      assert.notEqual(result.status, 0)
      assert.include(result.output, 'alias-resolves')
      assert.include(result.output, '#nowhere/models/thing')
    } finally {
      rmSync(wrong, { force: true })
    }
  }).timeout(120_000)

  test('the modules as they are pass it', async ({ assert }) => {
    const result = cruise(['app', 'bricks', 'start', 'config'])
    assert.equal(result.status, 0, result.output)
    assert.include(result.output, 'no dependency violations found')
  }).timeout(180_000)
})
