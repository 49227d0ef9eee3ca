import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import modules from '#core/services/modules'

/** Where the portal's own code lives (tests aside: a brick's tests live in the brick). */
const CODE_FOLDERS = ['app', 'config', 'database', 'resources', 'start', 'commands', 'bin', 'stubs']
/** The one line that installs a brick. */
const ALLOWED = new Set(['config/bricks.ts'])

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry)
    if (statSync(path).isDirectory()) return entry === 'tests' ? [] : files(path)
    return /\.(ts|js|edge|json|css)$/.test(entry) ? [path] : []
  })
}

test.group('Bricks stay in their folders', () => {
  test('no file of the portal outside a brick’s folder names the brick: its folder, views, lang keys, tables or prefix', ({
    assert,
  }) => {
    const bricks = modules.bricks().filter(({ root }) => root.startsWith('bricks/'))
    assert.isAbove(bricks.length, 1)
    const offenders: string[] = []
    for (const folder of CODE_FOLDERS) {
      for (const path of files(app.makePath(folder))) {
        const file = relative(app.makePath(), path)
        if (ALLOWED.has(file)) continue
        const text = readFileSync(path, 'utf8')
        for (const { definition, root } of bricks) {
          const name = definition.name
          const marks = [
            root,
            `${name}::`,
            `'${name}.`,
            `"${name}.`,
            `${name}_`,
            `'${definition.prefix}'`,
            `'${definition.prefix}/`,
            `"${definition.prefix}`,
          ]
          const found = marks.find((mark) => text.includes(mark))
          if (found) offenders.push(`${file} names ${name} (${found})`)
        }
      }
    }
    assert.deepEqual(offenders, [])
  })
})
