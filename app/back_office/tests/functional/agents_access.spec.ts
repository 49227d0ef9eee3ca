import { test } from '@japa/runner'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'

const ADMIN_PAGES = [
  '/agents/admin',
  '/agents/admin/agents',
  '/agents/admin/agents/nouveau',
  '/agents/admin/services',
  '/agents/admin/services/nouveau',
  '/agents/admin/mails',
]

test.group('Agents login and access', () => {
  test('a demo agent logs in at /agents/connexion and sees their dashboard', async ({
    client,
    assert,
  }) => {
    await createAgent({ email: 'nadia@ville.example', services: ['enfance'] })
    const login = await client
      .post('/agents/connexion')
      .form({ email: 'nadia@ville.example', password: GOOD_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(303)
    assert.equal(login.header('location'), '/agents')
  })

  test('the dashboard shows the agent’s services', async ({ client }) => {
    const agent = await createAgent({ services: ['enfance'] })
    const response = await client.get('/agents').withGuard('agent').loginAs(agent)
    response.assertStatus(200)
    response.assertTextIncludes('enfance')
    response.assertTextIncludes(agent.fullName)
  })

  test('unknown e-mail, wrong password and disabled account get the same answer', async ({
    client,
    assert,
  }) => {
    await createAgent({ email: 'on@ville.example' })
    await createAgent({ email: 'off@ville.example', active: false })
    const attempts = [
      { email: 'nobody@ville.example', password: GOOD_PASSWORD },
      { email: 'on@ville.example', password: 'pas le bon mot de passe' },
      { email: 'off@ville.example', password: GOOD_PASSWORD },
    ]
    const messages = []
    for (const form of attempts) {
      const response = await client
        .post('/agents/connexion')
        .form(form)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(422)
      messages.push(response.text().match(/<a href="#email">([^<]+)<\/a>/)?.[1])
    }
    assert.deepEqual(messages, Array(3).fill('Identifiant ou mot de passe incorrect'))
  })

  test('the 6th wrong password within a minute is throttled', async ({ client }) => {
    await createAgent({ email: 'target@ville.example' })
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client
        .post('/agents/connexion')
        .form({ email: 'target@ville.example', password: `essai raté ${attempt} xx` })
        .withCsrfToken()
      response.assertStatus(422)
    }
    const blocked = await client
      .post('/agents/connexion')
      .form({ email: 'target@ville.example', password: GOOD_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    blocked.assertStatus(429)
    blocked.assertTextIncludes('Trop de tentatives')
  })

  test('anonymous visitors are sent to the agents’ login page', async ({ client, assert }) => {
    for (const path of ['/agents', ...ADMIN_PAGES]) {
      const response = await client.get(path).redirects(0)
      assert.equal(response.header('location'), '/agents/connexion', path)
    }
  })

  test('a logged-in resident cannot open any agents page', async ({ client, assert }) => {
    const resident = await createResident()
    for (const path of ['/agents', ...ADMIN_PAGES]) {
      const response = await client.get(path).withGuard('web').loginAs(resident).redirects(0)
      assert.equal(response.status(), 302, path)
      assert.equal(response.header('location'), '/agents/connexion', path)
    }
  })

  test('an agent who is not an admin gets 403 on every admin page', async ({ client }) => {
    const agent = await createAgent({ role: 'supervisor', services: ['etat_civil'] })
    for (const path of ADMIN_PAGES) {
      const response = await client.get(path).withGuard('agent').loginAs(agent)
      response.assertStatus(403)
      response.assertTextIncludes('Accès refusé')
    }
  })

  test('logging out ends the agent session', async ({ client, assert }) => {
    const agent = await createAgent()
    const response = await client
      .post('/agents/deconnexion')
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    assert.equal(response.header('location'), '/agents/connexion')
  })
})
