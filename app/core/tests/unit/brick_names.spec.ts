import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import modules from '#core/services/modules'
import type { BrickDefinition } from '#core/modules/define_module'

/**
 * Where the portal keeps files of its own: its code and its tests (the core's
 * `tests` folders and the shared `tests/`). A brick's own folder is not here:
 * its code and its tests may name it.
 */
const FOLDERS = [
  'app',
  'config',
  'database',
  'resources',
  'start',
  'commands',
  'bin',
  'stubs',
  'tests',
]
/** The one line that installs a brick. */
const ALLOWED = new Set(['config/bricks.ts'])

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry)
    if (statSync(path).isDirectory()) return files(path)
    return /\.(ts|js|edge|json|css)$/.test(entry) ? [path] : []
  })
}

/** What names a brick: its folder, Edge disk, lang keys, permissions, tables, job names, URL prefix. */
function marksOf(definition: BrickDefinition, root: string): string[] {
  const { name, prefix } = definition
  const quoted = (text: string) => [`'${text}`, `"${text}`, `\`${text}`]
  return [
    root,
    `${name}::`,
    `${name}_`,
    ...quoted(`${name}.`),
    ...quoted(`${name}/`),
    ...[`'`, `"`, '`'].map((quote) => `${quote}${name}${quote}`),
    ...Object.keys(definition.jobs ?? {}).flatMap(quoted),
    `'${prefix}'`,
    `'${prefix}/`,
    `"${prefix}`,
    `\`${prefix}`,
    `/agents${prefix}`,
  ]
}

test.group('Bricks stay in their folders', () => {
  test('no file of the portal outside a brick’s folder names the brick, tests included: its folder, views, lang keys, tables, jobs or prefix', ({
    assert,
  }) => {
    const bricks = modules.bricks().filter(({ root }) => root.startsWith('bricks/'))
    assert.isAbove(bricks.length, 1)
    const offenders: string[] = []
    const scanned: string[] = []
    for (const folder of FOLDERS) {
      for (const path of files(app.makePath(folder))) {
        const file = relative(app.makePath(), path)
        scanned.push(file)
        if (ALLOWED.has(file)) continue
        const text = readFileSync(path, 'utf8')
        for (const { definition, root } of bricks) {
          const found = marksOf(definition, root).find((mark) => text.includes(mark))
          if (found) offenders.push(`${file} names ${definition.name} (${found})`)
        }
      }
    }
    // The core's tests and the shared test support are read too.
    assert.isTrue(scanned.some((file) => /^app\/[^/]+\/tests\//.test(file)))
    assert.include(scanned, 'tests/support/world.ts')
    assert.deepEqual(offenders, [])
  })
})
