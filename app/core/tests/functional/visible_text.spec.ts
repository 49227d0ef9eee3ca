import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

test.group('Text a person reads on demand pages', () => {
  test('the status badge of a demand reads its state on the agent’s and the resident’s pages', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ email: 'badge@example.org' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)

    const agentPage = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    agentPage.assertStatus(200)
    assert.match(agentPage.text(), /<span class="badge">\s*Nouvelle\s*<\/span>/)

    const residentPage = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    residentPage.assertStatus(200)
    assert.match(residentPage.text(), /<span class="badge">\s*Envoyée\s*<\/span>/)
  })

  test('a closed demand offers the agent no message form and shows the resident no expected date', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ email: 'ferme@example.org' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)
    await Demand.query().where('id', demand.id).update({ state: 'refused' })

    const agentPage = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    assert.notInclude(agentPage.text(), `action="/agents/demandes/${demand.id}/message"`)
    const residentPage = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    assert.match(residentPage.text(), /<span class="badge badge--closed">\s*Refusée\s*<\/span>/)
  })

  test('the contact form explains what the attachment is for', async ({ client }) => {
    const start = await client.post('/demarches/nous-contacter').withCsrfToken().redirects(0)
    start.assertStatus(303)
    const step = await client.get(start.header('location')!).withSession(start.session())
    step.assertStatus(200)
    step.assertTextIncludes('Par exemple une photo, un courrier reçu ou un plan.')
  })
})

test.group('Rate-limit pages say what the limit protects', () => {
  test('past the registration limit, the page speaks of protecting accounts', async ({
    client,
    assert,
  }) => {
    const register = () =>
      client.post('/inscription').form({ email: 'pas-une-adresse' }).withCsrfToken().redirects(0)
    for (let attempt = 1; attempt <= 5; attempt++) assert.notEqual((await register()).status(), 429)
    const blocked = await register()
    blocked.assertStatus(429)
    blocked.assertTextIncludes('Pour protéger les comptes')
  })

  test('past the limit of new drafts, the page speaks of sending in series, not of accounts', async ({
    client,
    assert,
  }) => {
    const start = () => client.post('/demarches/nous-contacter').withCsrfToken().redirects(0)
    for (let attempt = 1; attempt <= 30; attempt++) (await start()).assertStatus(303)
    const blocked = await start()
    blocked.assertStatus(429)
    blocked.assertTextIncludes('Pour éviter les envois en série')
    assert.notInclude(blocked.text(), 'protéger les comptes')
  })
})

test.group('The guard on every page a functional test receives', (group) => {
  let server: Server
  let base = ''
  group.setup(async () => {
    server = createServer((request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8')
      if (request.url === '/manquante')
        response.end('<p><span class="badge">translation missing: fr, undefined</span></p>')
      else if (request.url === '/balise') response.end('<p>Bonjour @if(user) Léa</p>')
      else response.end('<p>Bonjour</p>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return () => new Promise<void>((resolve) => server.close(() => resolve()))
  })

  test('a page showing a missing translation fails the request that received it', async ({
    client,
    assert,
  }) => {
    await assert.rejects(async () => {
      await client.get(`${base}/manquante`)
    }, /translation missing: fr, undefined/)
  })

  test('a page showing an Edge tag as text fails the request that received it', async ({
    client,
    assert,
  }) => {
    await assert.rejects(async () => {
      await client.get(`${base}/balise`)
    }, /Unrendered Edge tag "@if\("/)
  })

  test('a page without either passes', async ({ client }) => {
    const response = await client.get(`${base}/propre`)
    response.assertStatus(200)
  })
})
