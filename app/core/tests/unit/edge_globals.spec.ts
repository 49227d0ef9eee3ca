import { test } from '@japa/runner'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import { UNUSED_EDGE_GLOBALS } from '#core/services/edge_globals'

/** Every template of the core and of the bricks, comments removed. */
function templates() {
  const files: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.edge')) files.push(path)
    }
  }
  for (const root of ['app', 'resources', 'bricks', 'stubs']) walk(app.makePath(root))
  return files.map((file) => ({
    file,
    source: readFileSync(file, 'utf8').replace(/\{\{--[\s\S]*?--\}\}/g, ''),
  }))
}

test.group('Edge globals', () => {
  test('the helpers no template uses are not handed to every render', async ({ assert }) => {
    // Plugins (i18n's adds helpers) run at the first render, and ours after them.
    await edge.renderRaw('<p>{{ formatDate(null) }}</p>')
    for (const name of UNUSED_EDGE_GLOBALS) assert.notProperty(edge.globals, name)
    // What the templates do use is still there.
    for (const name of ['html', 'route', 'asset', 'formatDate', 'limits', 'city'])
      assert.property(edge.globals, name)
  })

  test('no template calls a helper that was removed', ({ assert }) => {
    const sources = templates()
    assert.isAbove(sources.length, 50)
    for (const { file, source } of sources)
      for (const name of UNUSED_EDGE_GLOBALS) {
        // A use reads the name as a value: name( or name. — not inside a word, a path or a string.
        const use = new RegExp(`(?<![\\w$.'"/-])${name}\\s*[(.]`)
        if (use.test(source)) assert.fail(`${file} uses ${name}, which start/view.ts removes`)
      }
  })

  test('the guard would see a template using a removed helper', ({ assert }) => {
    const use = (name: string) => new RegExp(`(?<![\\w$.'"/-])${name}\\s*[(.]`)
    assert.isTrue(use('truncate').test('<p>{{ truncate(demand.body, 20) }}</p>'))
    assert.isTrue(use('config').test("{{ config('app.appKey') }}"))
    assert.isFalse(use('app').test(`<link href="{{ asset('app.css') }}">`))
  })
})
