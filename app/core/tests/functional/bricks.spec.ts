import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import modules from '#core/services/modules'
import { Visitor } from '#tests/support/visitor'
import { createAgent } from '#tests/support/factories/accounts'

/** Runs `callback` with PARVIS_BRICKS set to `setting`, then restores every brick. */
async function withBricks(setting: string, callback: () => Promise<void>) {
  modules.enableFromSetting(setting)
  try {
    await callback()
  } finally {
    modules.enableFromSetting(undefined)
  }
}

test.group('Fixture brick', () => {
  test('its migration created its table', async ({ assert }) => {
    await db.table('fixture_items').insert({ label: 'Premier élément' })
    const rows = await db.from('fixture_items').select('label')
    assert.deepEqual(
      rows.map((row) => row.label),
      ['Premier élément']
    )
  })

  test('its page answers 200 under its French prefix, from its own Edge disk and lang files', async ({
    client,
  }) => {
    await db.table('fixture_items').insert({ label: 'Lampadaire' })
    const response = await client.get('/essai')
    response.assertStatus(200)
    response.assertTextIncludes('Page de la brique d’essai')
    response.assertTextIncludes('Lampadaire')
  })

  test('its page answers 404 when PARVIS_BRICKS leaves it out', async ({ client }) => {
    await withBricks('none', async () => {
      const response = await client.get('/essai')
      response.assertStatus(404)
      response.assertTextIncludes('Page introuvable')
      const agents = await client.get('/agents/essai').redirects(0)
      agents.assertStatus(404)
    })
    const again = await client.get('/essai')
    again.assertStatus(200)
  })

  test('its agents page sits under /agents and needs an agent login', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/agents/essai').redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/agents/connexion')

    const agent = await createAgent({ services: ['accueil'] })
    const page = await client.get('/agents/essai').withGuard('agent').loginAs(agent)
    page.assertStatus(200)
    page.assertTextIncludes('Page de la brique d’essai')
    page.assertTextIncludes('href="/agents/essai"')
  })

  test('its public routes answer at the root path it declares, without a session cookie', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/registre-essai')
    response.assertStatus(200)
    response.assertTextIncludes('Page de la brique d’essai')
    const anonymous = await new Visitor().get('/registre-essai')
    assert.equal(anonymous.status, 200)
    assert.isNull(anonymous.headers.get('set-cookie'))
    const item = await client.get('/registre-essai/3')
    item.assertStatus(200)
    await withBricks('none', async () => {
      const disabled = await client.get('/registre-essai')
      disabled.assertStatus(404)
    })
  })

  test('its navigation and catalogue entries appear only while it is enabled', async ({
    client,
    assert,
  }) => {
    const enabled = await client.get('/')
    assert.include(enabled.text(), 'href="/essai"')
    const catalogue = await client.get('/demarches')
    assert.include(catalogue.text(), 'Démarche d’essai')

    await withBricks('none', async () => {
      const disabled = await client.get('/')
      assert.notInclude(disabled.text(), 'href="/essai"')
      const emptyCatalogue = await client.get('/demarches')
      assert.notInclude(emptyCatalogue.text(), 'Démarche d’essai')
    })
  })
})
