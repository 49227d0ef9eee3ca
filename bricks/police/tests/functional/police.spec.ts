import { test } from '@japa/runner'
import modules from '#core/services/modules'
import { createAgent } from '#tests/support/factories/accounts'

test.group('Police municipale brick', () => {
  test('residents read its page under /police-municipale, in French', async ({ client }) => {
    const page = await client.get('/police-municipale')
    page.assertStatus(200)
    page.assertTextIncludes('lang="fr"')
  })

  test('only agents of its service reach its agents’ page', async ({ client }) => {
    const own = await createAgent({ services: ['tranquillite_publique'] })
    const allowed = await client.get('/agents/police-municipale').withGuard('agent').loginAs(own)
    allowed.assertStatus(200)
    const other = await createAgent({ services: ['autre_service'] })
    const refused = await client.get('/agents/police-municipale').withGuard('agent').loginAs(other)
    refused.assertStatus(404)
    const visitor = await client.get('/agents/police-municipale').redirects(0)
    visitor.assertStatus(302)
  })

  test('its pages answer 404 while the brick is disabled', async ({ client }) => {
    modules.enableFromSetting('none')
    try {
      const page = await client.get('/police-municipale')
      page.assertStatus(404)
    } finally {
      modules.enableFromSetting(undefined)
    }
  })
})
