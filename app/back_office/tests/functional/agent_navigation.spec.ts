import { test } from '@japa/runner'
import modules from '#core/services/modules'
import { createAgent } from '#tests/support/factories/accounts'

/** The agents' space of each enabled brick and the services it serves, as the manifests declare them. */
function brickSpaces() {
  return modules.enabledBricks().map(({ prefix, definition }) => ({
    href: `/agents${prefix}`,
    services: (definition.services ?? []).map((service) => service.slug),
  }))
}

/** Every link of a page that points into the agents' brick spaces (/agents<prefix>). */
function brickLinks(html: string) {
  const spaces = brickSpaces().map(({ href }) => href)
  return [
    ...new Set(
      [...html.matchAll(/href="(\/agents\/[^"]*)"/g)]
        .map((match) => match[1])
        .filter((href) => spaces.some((space) => href === space || href.startsWith(`${space}/`)))
    ),
  ]
}

test.group('Agents’ home and navigation', () => {
  test('an agent’s home links to no brick space of a service they are not in, and whatever is linked opens', async ({
    client,
    assert,
  }) => {
    const spaces = brickSpaces().filter(({ services }) => services.length > 0)
    assert.isAbove(spaces.length, 1)
    for (const space of spaces) {
      const agent = await createAgent({ services: ['sans_brique'] })
      const home = await client.get('/agents').withGuard('agent').loginAs(agent)
      home.assertStatus(200)
      assert.notInclude(home.text(), `href="${space.href}"`)
      // Whatever is linked opens: no link leads to a 404.
      for (const link of brickLinks(home.text())) {
        const page = await client.get(link).withGuard('agent').loginAs(agent)
        assert.equal(page.status(), 200, link)
      }
    }
  })

  test('an agent of a brick’s service has that brick’s link, not those of bricks serving others, and it opens', async ({
    client,
    assert,
  }) => {
    const spaces = brickSpaces().filter(({ services }) => services.length > 0)
    for (const space of spaces) {
      const agent = await createAgent({ services: [space.services[0]] })
      const home = await client.get('/agents').withGuard('agent').loginAs(agent)
      home.assertStatus(200)
      assert.include(home.text(), `href="${space.href}"`)
      for (const other of spaces.filter(({ services }) => !services.includes(space.services[0])))
        assert.notInclude(home.text(), `href="${other.href}"`, `${space.href} agent`)
      const page = await client.get(space.href).withGuard('agent').loginAs(agent)
      page.assertStatus(200)
    }
  })

  test('an agent of several services is offered each of their spaces, and every link opens', async ({
    client,
    assert,
  }) => {
    const spaces = brickSpaces()
    const agent = await createAgent({
      services: [...new Set(spaces.flatMap(({ services }) => services))],
    })
    const home = await client.get('/agents').withGuard('agent').loginAs(agent)
    const links = brickLinks(home.text())
    assert.includeMembers(
      links,
      spaces.map(({ href }) => href)
    )
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
