import { test } from '@japa/runner'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import Category from '../../models/category.js'
import { categories } from '../support.js'

test.group('The category tree (/agents/signalements/categories)', () => {
  test('an agent with the permission adds a sub-category routed to another service and team; residents are offered it', async ({
    client,
    assert,
  }) => {
    const { lighting } = await categories()
    await createAgent({ services: ['proprete'] })
    const admin = await createAgent({
      services: ['services_techniques'],
      permissions: ['public_space.categories.manage'],
    })
    const added = await client
      .post('/agents/signalements/categories')
      .form({
        name: 'Guirlande de Noël éteinte',
        code: 'eclairage_noel',
        parent: lighting.id,
        serviceSlug: 'proprete',
        team: 'Équipe fêtes',
        position: 3,
        active: '1',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    added.assertStatus(303)
    const category = await Category.findByOrFail('code', 'ECLAIRAGE_NOEL')
    assert.equal(category.parentId, lighting.id)
    assert.equal(category.serviceSlug, 'proprete')
    assert.equal(category.team, 'Équipe fêtes')
    const form = await client.get('/signalements/nouveau')
    form.assertTextIncludes('Guirlande de Noël éteinte')

    const taken = await client
      .post('/agents/signalements/categories')
      .form({ name: 'Autre', code: 'ECLAIRAGE_NOEL', serviceSlug: 'services_techniques' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(taken).code, ['Ce code est déjà celui d’une autre catégorie'])

    const withdrawn = await client
      .post(`/agents/signalements/categories/${category.id}`)
      .form({
        name: category.name,
        code: category.code,
        parent: lighting.id,
        serviceSlug: 'proprete',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    withdrawn.assertStatus(303)
    const after = await client.get('/signalements/nouveau')
    assert.notInclude(after.text(), 'Guirlande de Noël éteinte')
  })

  test('an agent of the service without the permission gets 404', async ({ client }) => {
    await categories()
    const agent = await createAgent({ services: ['services_techniques'] })
    const page = await client
      .get('/agents/signalements/categories')
      .withGuard('agent')
      .loginAs(agent)
    page.assertStatus(404)
  })
})
