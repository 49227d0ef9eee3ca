import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { defineBrick } from '#core/bricks/define_brick'
import { BrickRegistry } from '#core/bricks/registry'

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry)
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js|edge)$/.test(entry) ? [path] : []
  })
}

test.group('Brick contract', () => {
  test('defineBrick refuses a name that is not snake_case', ({ assert }) => {
    assert.throws(
      () => defineBrick({ name: 'Police-Municipale', prefix: '/police', label: 'x', services: [], permissions: [] }),
      /snake_case/
    )
  })

  test('defineBrick refuses a prefix that is not a single French path segment', ({ assert }) => {
    assert.throws(() => defineBrick({ name: 'police', prefix: 'police/', label: 'x', services: [], permissions: [] }), /prefix/)
    assert.throws(() => defineBrick({ name: 'police', prefix: '/agents', label: 'x', services: [], permissions: [] }), /reserved/)
  })

  test('PARVIS_BRICKS naming a brick that is not installed fails loudly', async ({ assert }) => {
    const registry = new BrickRegistry(app)
    await registry.load(['tests/fixtures/bricks/fixture'])
    assert.throws(() => registry.enableFromSetting('fixture,polise'), /not installed: polise/)
  })

  test('PARVIS_BRICKS enables a subset, none, or every installed brick', async ({ assert }) => {
    const registry = new BrickRegistry(app)
    await registry.load(['tests/fixtures/bricks/fixture'])
    registry.enableFromSetting('none')
    assert.deepEqual(registry.enabled(), [])
    assert.deepEqual(registry.frontNavigation(), [])
    registry.enableFromSetting(' fixture ')
    assert.deepEqual(
      registry.enabled().map((brick) => brick.definition.name),
      ['fixture']
    )
    registry.enableFromSetting(undefined)
    assert.isTrue(registry.isEnabled('fixture'))
    assert.deepEqual(registry.frontNavigation(), [{ label: 'fixture.nav', href: '/essai', brick: 'fixture' }])
    assert.deepEqual(registry.backNavigation(), [{ label: 'fixture.nav_agents', href: '/agents/essai', brick: 'fixture' }])
    assert.deepEqual(registry.permissions(), ['fixture.item.manage'])
  })

  test('the core never imports a brick', ({ assert }) => {
    // The pattern itself must catch the ways a brick could be imported.
    const pattern = /(from|import\()\s*['"]((\.\.\/)+bricks\/|bricks\/|#bricks)/
    assert.isTrue(pattern.test(`import x from '../../bricks/police/manifest.js'`))
    assert.isTrue(pattern.test(`await import('#bricks/police')`))
    assert.isFalse(pattern.test(`import { defineBrick } from '#core/bricks/define_brick'`))
    const offenders = sourceFiles(app.makePath('app')).filter((file) =>
      pattern.test(readFileSync(file, 'utf8'))
    )
    assert.deepEqual(offenders, [])
  })
})
