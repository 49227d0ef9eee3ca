import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { defineBrick, defineModule } from '#core/modules/define_module'
import { ModuleRegistry } from '#core/modules/registry'
import modulesConfig from '#config/modules'

/** The modules' code, without their tests (a core test may drive a real brick, as a city would). */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry)
    if (statSync(path).isDirectory()) return entry === 'tests' ? [] : sourceFiles(path)
    return /\.(ts|js|edge)$/.test(entry) ? [path] : []
  })
}

test.group('Brick contract', () => {
  test('defineBrick refuses a name that is not snake_case', ({ assert }) => {
    assert.throws(
      () =>
        defineBrick({ name: 'Night-Patrols', prefix: '/stationnement', label: 'x', services: [] }),
      /snake_case/
    )
  })

  test('a service slug is written as admins type it: a-z, 0-9 and _', ({ assert }) => {
    const declare = (slug: string) =>
      defineBrick({
        name: 'parking',
        prefix: '/stationnement',
        label: 'x',
        services: [{ slug, name: 'x' }],
      })
    assert.throws(() => declare('voirie-stationnement'), /service slug "voirie-stationnement"/)
    assert.throws(() => declare('Voirie'), /service slug/)
    assert.doesNotThrow(() => declare('voirie_stationnement'))
  })

  test('defineBrick refuses a prefix that is not a single French path segment', ({ assert }) => {
    assert.throws(
      () => defineBrick({ name: 'parking', prefix: 'stationnement/', label: 'x', services: [] }),
      /prefix/
    )
    assert.throws(
      () => defineBrick({ name: 'parking', prefix: '/agents', label: 'x', services: [] }),
      /reserved/
    )
  })

  test('defineBrick refuses public pages without declared root paths, or under a reserved one', ({
    assert,
  }) => {
    const routes = { public: async () => ({ default: () => {} }) }
    assert.throws(
      () => defineBrick({ name: 'essai', prefix: '/essai', label: 'x', routes }),
      /publicPaths/
    )
    assert.throws(
      () =>
        defineBrick({
          name: 'essai',
          prefix: '/essai',
          label: 'x',
          routes,
          publicPaths: ['/connexion'],
        }),
      /reserved/
    )
  })

  test('PARVIS_BRICKS naming a brick that is not installed fails loudly', async ({ assert }) => {
    const registry = new ModuleRegistry(app)
    await registry.load([], ['tests/fixtures/bricks/fixture'])
    assert.throws(() => registry.enableFromSetting('fixture,polise'), /not installed: polise/)
  })

  test('PARVIS_BRICKS enables a subset, none, or every installed brick', async ({ assert }) => {
    const registry = new ModuleRegistry(app)
    await registry.load([], ['tests/fixtures/bricks/fixture'])
    registry.enableFromSetting('none')
    assert.deepEqual(registry.enabledBricks(), [])
    assert.deepEqual(registry.frontNavigation(), [])
    registry.enableFromSetting(' fixture ')
    assert.deepEqual(
      registry.enabledBricks().map((brick) => brick.definition.name),
      ['fixture']
    )
    registry.enableFromSetting(undefined)
    assert.isTrue(registry.isEnabled('fixture'))
    assert.deepEqual(registry.frontNavigation(), [
      { label: 'fixture.nav', href: '/essai', module: 'fixture', permission: undefined },
    ])
    assert.deepEqual(registry.backNavigation(), [
      {
        label: 'fixture.nav_agents',
        href: '/agents/essai',
        module: 'fixture',
        permission: undefined,
      },
      {
        label: 'fixture.nav_manage',
        href: '/agents/essai/gestion',
        module: 'fixture',
        permission: 'fixture.item.manage',
      },
    ])
    assert.deepEqual(registry.permissions(), [{ name: 'fixture.item.manage', module: 'fixture' }])
  })

  test('a permission must be named after the module that declares it', ({ assert }) => {
    assert.throws(
      () => defineModule({ name: 'payments', permissions: ['invoices.cancel'] }),
      /must start with "payments\."/
    )
  })

  test('core modules and bricks load from their folders; core modules are always on', async ({
    assert,
  }) => {
    const registry = new ModuleRegistry(app)
    await registry.load(modulesConfig.core, ['tests/fixtures/bricks/fixture'])
    registry.enableFromSetting('none')
    assert.includeMembers(
      registry.enabledModules().map((module) => module.definition.name),
      ['accounts', 'demands', 'payments', 'portal']
    )
    assert.notInclude(
      registry.enabledModules().map((module) => module.definition.name),
      'fixture'
    )
    assert.deepInclude(
      registry.collect('services').map(({ item }) => item.slug),
      'accueil'
    )
    assert.isTrue(registry.isEnabled('demands'))
    assert.isFalse(registry.isEnabled('fixture'))
  })

  test('a brick listed among the core modules is refused at boot', async ({ assert }) => {
    const registry = new ModuleRegistry(app)
    await assert.rejects(
      () => registry.load(['tests/fixtures/bricks/fixture'], []),
      /must export defineModule\(\{ name: 'fixture'/
    )
  })

  test('the core never imports a brick', ({ assert }) => {
    // The pattern itself must catch the ways a brick could be imported.
    const pattern = /(from|import\()\s*['"]((\.\.\/)+bricks\/|bricks\/|#bricks)/
    assert.isTrue(pattern.test(`import x from '../../bricks/parking/manifest.js'`))
    assert.isTrue(pattern.test(`await import('#bricks/parking')`))
    assert.isFalse(pattern.test(`import { defineBrick } from '#core/bricks/define_brick'`))
    const offenders = sourceFiles(app.makePath('app')).filter((file) =>
      pattern.test(readFileSync(file, 'utf8'))
    )
    assert.deepEqual(offenders, [])
  })
})
