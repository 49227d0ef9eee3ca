import { test } from '@japa/runner'
import { createAgent } from '#tests/support/factories/accounts'

/** Every link of a page that points into the agents' brick spaces (/agents/<prefix>). */
function brickLinks(html: string) {
  return [
    ...new Set(
      [...html.matchAll(/href="(\/agents\/(?:formalites|enfance|essai)[^"]*)"/g)].map(
        (match) => match[1]
      )
    ),
  ]
}

test.group('Agents’ home and navigation', () => {
  test('an accueil agent’s home links to no brick space they cannot open', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const home = await client.get('/agents').withGuard('agent').loginAs(agent)
    home.assertStatus(200)
    assert.notInclude(home.text(), 'href="/agents/formalites"')
    assert.notInclude(home.text(), 'href="/agents/enfance"')
    // Whatever is linked opens: no link leads to a 404.
    for (const link of brickLinks(home.text())) {
      const page = await client.get(link).withGuard('agent').loginAs(agent)
      assert.equal(page.status(), 200, link)
    }
  })

  test('an état-civil agent’s home has the formalités link, and it opens', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['etat_civil'] })
    const home = await client.get('/agents').withGuard('agent').loginAs(agent)
    home.assertStatus(200)
    assert.include(home.text(), 'href="/agents/formalites"')
    assert.notInclude(home.text(), 'href="/agents/enfance"')
    const formalities = await client.get('/agents/formalites').withGuard('agent').loginAs(agent)
    formalities.assertStatus(200)
  })

  test('an agent of several services is offered each of their spaces, and every link opens', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['etat_civil', 'enfance', 'accueil'] })
    const home = await client.get('/agents').withGuard('agent').loginAs(agent)
    const links = brickLinks(home.text())
    assert.includeMembers(links, ['/agents/formalites', '/agents/enfance', '/agents/essai'])
    for (const link of links) {
      const page = await client.get(link).withGuard('agent').loginAs(agent)
      assert.equal(page.status(), 200, link)
    }
  })

  test('a link whose manifest entry names a permission is shown only to agents holding it, and it opens', async ({
    client,
    assert,
  }) => {
    const without = await createAgent({ services: ['accueil'] })
    const plain = await client.get('/agents').withGuard('agent').loginAs(without)
    assert.include(plain.text(), 'href="/agents/essai"')
    assert.notInclude(plain.text(), 'href="/agents/essai/gestion"')

    const holder = await createAgent({
      services: ['accueil'],
      permissions: ['fixture.item.manage'],
    })
    const home = await client.get('/agents').withGuard('agent').loginAs(holder)
    assert.include(home.text(), 'href="/agents/essai/gestion"')
    const page = await client.get('/agents/essai/gestion').withGuard('agent').loginAs(holder)
    page.assertStatus(200)
  })
})
