import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { mailbox } from '#tests/support/smtp'
import { Visitor } from '#tests/support/visitor'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'

const NEW_PASSWORD = 'le jardin des plantes en hiver'

/** An agent logged in through the real login form, on a device of their own. */
async function loggedInAgent(agent: Agent, password = GOOD_PASSWORD) {
  const device = new Visitor()
  const login = await device.submit('/agents/connexion', '/agents/connexion', {
    email: agent.email,
    password,
  })
  if (login.status !== 303) throw new Error(`login of ${agent.email} failed: ${login.status}`)
  return device
}

async function agentSessions(agent: Agent) {
  return db.from('sessions').where('agent_id', agent.id)
}

async function assertSentToLogin(
  assert: { equal(actual: unknown, expected: unknown, message?: string): void },
  device: Visitor,
  path = '/agents/admin/agents'
) {
  const page = await device.get(path)
  assert.equal(page.status, 302, `${path} still opens`)
  assert.equal(page.location, '/agents/connexion')
}

/** What the admin's form sends for an agent, with the status box checked or not. */
function agentForm(agent: Agent, serviceIds: number[], active: boolean) {
  return {
    firstName: agent.firstName,
    lastName: agent.lastName,
    role: agent.role,
    services: serviceIds.map(String),
    ...(active ? { active: '1' } : {}),
  }
}

test.group('Agent sessions', () => {
  test('cookies replayed after an agent logs out get the login page', async ({ assert }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const device = await loggedInAgent(admin)
    const saved = device.saveCookies()
    assert.equal((await device.get('/agents/admin/agents')).status, 200)

    const logout = await device.post('/agents/deconnexion')
    assert.equal(logout.location, '/agents/connexion')
    assert.lengthOf(await agentSessions(admin), 0)

    await assertSentToLogin(assert, Visitor.replaying(saved))
  })

  test('cookies replayed after an agent’s deactivation get the login page, even once the account is active again', async ({
    assert,
  }) => {
    const colleague = await createAgent({ role: 'admin', services: ['accueil'] })
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await colleague.load('services')
    const serviceIds = colleague.services.map((service) => service.id)
    const colleagueDevice = await loggedInAgent(colleague)
    const saved = colleagueDevice.saveCookies()
    assert.equal((await colleagueDevice.get('/agents/admin/agents')).status, 200)

    const adminDevice = await loggedInAgent(admin)
    const editPage = `/agents/admin/agents/${colleague.id}/modifier`
    const deactivated = await adminDevice.submit(
      editPage,
      `/agents/admin/agents/${colleague.id}`,
      agentForm(colleague, serviceIds, false)
    )
    assert.equal(deactivated.status, 303)
    assert.lengthOf(await agentSessions(colleague), 0)
    await assertSentToLogin(assert, Visitor.replaying(saved))

    const reactivated = await adminDevice.submit(
      editPage,
      `/agents/admin/agents/${colleague.id}`,
      agentForm(colleague, serviceIds, true)
    )
    assert.equal(reactivated.status, 303)
    await assertSentToLogin(assert, Visitor.replaying(saved))
    assert.equal(
      (await adminDevice.get('/agents/admin/agents')).status,
      200,
      'the admin who acted stays logged in'
    )
  })

  test('cookies replayed after an agent chooses a new password get the login page', async ({
    assert,
  }) => {
    const agent = await createAgent({
      role: 'admin',
      email: 'oubli.agent@ville.example',
      services: ['accueil'],
    })
    const device = await loggedInAgent(agent)

    const other = new Visitor()
    await other.submit('/agents/mot-de-passe-oublie', '/agents/mot-de-passe-oublie', {
      email: 'oubli.agent@ville.example',
    })
    const link = new URL(
      mailbox.linkIn(
        await mailbox.waitFor('oubli.agent@ville.example', /nouveau mot de passe/),
        '/agents/mot-de-passe/'
      )
    )
    const saved = await other.submit(link.pathname + link.search, link.pathname + link.search, {
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.equal(saved.location, '/agents/connexion')

    await assertSentToLogin(assert, device)
    assert.equal(
      (await (await loggedInAgent(agent, NEW_PASSWORD)).get('/agents/admin/agents')).status,
      200
    )
  })

  test('an admin’s “Déconnecter partout” ends every session of that agent and none of the admin’s', async ({
    assert,
  }) => {
    const agent = await createAgent({ role: 'admin', services: ['accueil'] })
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const office = await loggedInAgent(agent)
    const laptop = await loggedInAgent(agent)
    const adminDevice = await loggedInAgent(admin)

    const editPage = await adminDevice.get(`/agents/admin/agents/${agent.id}/modifier`)
    assert.include(editPage.text, `action="/agents/admin/agents/${agent.id}/deconnexion"`)
    const ended = await adminDevice.post(`/agents/admin/agents/${agent.id}/deconnexion`)
    assert.equal(ended.status, 303)

    await assertSentToLogin(assert, office)
    await assertSentToLogin(assert, laptop)
    const back = await adminDevice.get(`/agents/admin/agents/${agent.id}/modifier`)
    assert.equal(back.status, 200)
    assert.include(back.text, 'Les sessions de l’agent sont fermées sur tous ses appareils.')
  })

  test('an agent who is not an admin cannot end a colleague’s sessions', async ({ assert }) => {
    const colleague = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({ services: ['accueil'] })
    const colleagueDevice = await loggedInAgent(colleague)
    const device = await loggedInAgent(agent)
    await device.get('/agents')
    const refused = await device.post(`/agents/admin/agents/${colleague.id}/deconnexion`)
    assert.equal(refused.status, 403)
    assert.equal((await colleagueDevice.get('/agents/admin/agents')).status, 200)
  })

  test('an agent logs themself out of every device from their dashboard', async ({ assert }) => {
    const agent = await createAgent({ role: 'admin', services: ['accueil'] })
    const office = await loggedInAgent(agent)
    const phone = await loggedInAgent(agent)

    const dashboard = await office.get('/agents')
    assert.include(dashboard.text, 'action="/agents/deconnexion-partout"')
    const ended = await office.post('/agents/deconnexion-partout')
    assert.equal(ended.location, '/agents/connexion')
    const login = await office.get('/agents/connexion')
    assert.include(login.text, 'Vos sessions sont fermées sur tous vos appareils.')

    await assertSentToLogin(assert, office)
    await assertSentToLogin(assert, phone)
    assert.lengthOf(await agentSessions(agent), 0)
  })

  test('agents’ pages are not kept by caches', async ({ assert }) => {
    const agent = await createAgent({ role: 'admin', services: ['accueil'] })
    const device = await loggedInAgent(agent)
    for (const path of ['/agents', '/agents/demandes', '/agents/admin/agents']) {
      const page = await device.get(path)
      assert.equal(page.status, 200, path)
      assert.equal(page.headers.get('cache-control'), 'no-store', path)
    }
  })
})
