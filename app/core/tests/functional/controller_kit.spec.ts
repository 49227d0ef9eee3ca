import { test } from '@japa/runner'
import { NotFoundError, assertFound, found } from '#core/http/not_found'
import { brickUrls, routeUrl } from '#core/http/route_url'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

test.group('Controller kit: lookups that answer 404', () => {
  test('found and assertFound throw NotFoundError (status 404) for what is missing, and pass what is there', ({
    assert,
  }) => {
    assert.throws(() => found(null), NotFoundError)
    assert.throws(() => found(undefined), NotFoundError)
    assert.throws(() => assertFound(false), NotFoundError)
    assert.equal(new NotFoundError().status, 404)
    assert.equal(found(0), 0)
    assert.equal(found(''), '')
    assert.doesNotThrow(() => assertFound('yes'))
  })

  test('a resident opening another resident’s demand gets the “Page introuvable” page, in their language', async ({
    client,
  }) => {
    const owner = await createResident({ email: 'kit.owner@example.org' })
    const other = await createResident({ email: 'kit.other@example.org' })
    const demand = await fileThreeStepDemand(owner)

    const french = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(other)
    french.assertStatus(404)
    french.assertTextIncludes('<html lang="fr">')
    french.assertTextIncludes('Page introuvable')

    const translated = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .header('Accept-Language', 'en-GB,en;q=0.8')
      .withGuard('web')
      .loginAs(other)
    translated.assertStatus(404)
    translated.assertTextIncludes('Page not found')
  })

  test('an agent opening a demand outside their services gets the same page, status 404', async ({
    client,
  }) => {
    const resident = await createResident({ email: 'kit.resident@example.org' })
    const demand = await fileThreeStepDemand(resident)
    const stranger = await createAgent({ services: ['etat_civil'] })

    const page = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(stranger)
    page.assertStatus(404)
    page.assertTextIncludes('Page introuvable')
    const file = await client
      .get(`/agents/demandes/${demand.id}/fichiers/1`)
      .withGuard('agent')
      .loginAs(stranger)
    file.assertStatus(404)
    file.assertTextIncludes('Page introuvable')
  })

  test('what a lookup throws is the same page as an unknown URL’s', async ({ client, assert }) => {
    const resident = await createResident({ email: 'kit.same@example.org' })
    const thrown = await client
      .get('/mon-espace/demandes/999999')
      .withGuard('web')
      .loginAs(resident)
    const unknown = await client.get('/mon-espace/nulle-part').withGuard('web').loginAs(resident)
    thrown.assertStatus(404)
    unknown.assertStatus(404)
    const title = (text: string) => /<title>([^<]*)<\/title>/.exec(text)?.[1]
    const heading = (text: string) => /<h1>([^<]*)<\/h1>/.exec(text)?.[1]
    assert.equal(title(thrown.text()), title(unknown.text()))
    assert.equal(heading(thrown.text()), 'Page introuvable')
    assert.equal(heading(thrown.text()), heading(unknown.text()))
  })
})

test.group('Controller kit: URLs from route names', () => {
  test('routeUrl builds a named route’s path, with its parameters and query string', ({
    assert,
  }) => {
    assert.equal(routeUrl('agent_demands.show', { id: 12 }), '/agents/demandes/12')
    assert.equal(
      routeUrl('filing.step', { key: 'nous-contacter', id: 3, step: 2 }),
      '/demarches/nous-contacter/3/etape/2'
    )
    assert.equal(
      routeUrl(
        'agent_demands.index',
        {},
        { q: 'URB-2026-1', vide: '', absent: undefined, rien: null }
      ),
      '/agents/demandes?q=URB-2026-1'
    )
    assert.equal(
      routeUrl('agent_demands.index', {}, 'etat=open&tri=oldest'),
      '/agents/demandes?etat=open&tri=oldest'
    )
    assert.equal(routeUrl('agent_demands.index', {}, ''), '/agents/demandes')
  })

  test('brickUrls knows where the portal mounted a brick: its prefix for residents, /agents before it for agents', ({
    assert,
  }) => {
    // The fixture brick (tests/fixtures/bricks/fixture), mounted under /essai.
    const urls = brickUrls('fixture')
    assert.equal(urls.front('index'), '/essai')
    assert.equal(urls.front('component'), '/essai/composant')
    assert.equal(
      urls.back('manage', {}, { lieu: 3, jour: '2026-12-01' }),
      '/agents/essai/gestion?lieu=3&jour=2026-12-01'
    )
    assert.equal(urls.back('item', { id: 7 }), '/agents/essai/elements/7')
  })
})
