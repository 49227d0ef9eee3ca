import { test } from '@japa/runner'
import modules from '#core/services/modules'
import { createAgent } from '#tests/support/factories/accounts'

test.group('Solidarités brick', () => {
  test('residents read its page under /solidarites, in French', async ({ client }) => {
    const page = await client.get('/solidarites')
    page.assertStatus(200)
    page.assertTextIncludes('lang="fr"')
  })

  test('only agents of its service reach its agents’ page', async ({ client }) => {
    const own = await createAgent({ services: ['solidarites'] })
    const allowed = await client.get('/agents/solidarites').withGuard('agent').loginAs(own)
    allowed.assertStatus(200)
    const other = await createAgent({ services: ['autre_service'] })
    const refused = await client.get('/agents/solidarites').withGuard('agent').loginAs(other)
    refused.assertStatus(404)
    const visitor = await client.get('/agents/solidarites').redirects(0)
    visitor.assertStatus(302)
  })

  test('its pages answer 404 while the brick is disabled', async ({ client }) => {
    modules.enableFromSetting('none')
    try {
      const page = await client.get('/solidarites')
      page.assertStatus(404)
    } finally {
      modules.enableFromSetting(undefined)
    }
  })
})
