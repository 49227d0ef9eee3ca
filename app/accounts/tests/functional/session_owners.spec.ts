import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { Visitor } from '#tests/support/visitor'
import { statementsDuring } from '#tests/support/statements'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'

/** An agent logged in through the real login form, on a device of their own. */
async function loggedInAgent(agent: Agent) {
  const device = new Visitor()
  const login = await device.submit('/agents/connexion', '/agents/connexion', {
    email: agent.email,
    password: GOOD_PASSWORD,
  })
  if (login.status !== 303) throw new Error(`login of ${agent.email} failed: ${login.status}`)
  return device
}

async function named(agent: Agent, firstName: string, lastName: string) {
  return agent.merge({ firstName, lastName }).save()
}

// Identifiers are quoted "so" on PostgreSQL and `so` on SQLite.
const readsAnAgentAlone = (sql: string) => /^select ["`]agents["`]\.\*/i.test(sql.trim())
const readsAResidentAlone = (sql: string) => /from ["`]users["`] where/i.test(sql)
const readsTheSession = (sql: string) => /from ["`]sessions["`]/i.test(sql)

test.group('Who a session belongs to is read with the session', () => {
  test('a back-office page reads the session and its agent in one query, and shows the agent’s services only', async ({
    assert,
  }) => {
    const agent = await named(await createAgent({ services: ['accueil'] }), 'Inès', 'Garnier')
    const device = await loggedInAgent(agent)
    let page!: Awaited<ReturnType<Visitor['get']>>
    const statements = await statementsDuring(async () => {
      page = await device.get('/agents/demandes')
    })
    assert.equal(page.status, 200)
    assert.include(page.text, 'Inès Garnier')
    const sessionReads = statements.filter(readsTheSession)
    assert.isAtLeast(sessionReads.length, 1)
    assert.match(sessionReads[0], /left join ["`]agents["`]/i)
    assert.deepEqual(statements.filter(readsAnAgentAlone), [], statements.join('\n'))
  })

  test('an agent deactivated meanwhile is sent to the login page, as before', async ({
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const device = await loggedInAgent(agent)
    assert.equal((await device.get('/agents/demandes')).status, 200)
    await db.from('agents').where('id', agent.id).update({ active: false })
    const page = await device.get('/agents/demandes')
    assert.equal(page.status, 302)
    assert.equal(page.location, '/agents/connexion')
  })

  test('when the session’s row names another agent than its values, the guard reads the agent of the values', async ({
    assert,
  }) => {
    const agent = await named(await createAgent({ services: ['accueil'] }), 'Paul', 'Verdier')
    const other = await named(await createAgent({ services: ['accueil'] }), 'Zoé', 'Marchal')
    const device = await loggedInAgent(agent)
    await db.from('sessions').where('agent_id', agent.id).update({ agent_id: other.id })
    let page!: Awaited<ReturnType<Visitor['get']>>
    const statements = await statementsDuring(async () => {
      page = await device.get('/agents/demandes')
    })
    assert.equal(page.status, 200)
    assert.include(page.text, 'Paul Verdier')
    assert.notInclude(page.text, 'Zoé Marchal')
    assert.lengthOf(statements.filter(readsAnAgentAlone), 1)
  })

  test('a resident’s page reads the session and the resident in one query, and shows that resident', async ({
    assert,
  }) => {
    const resident = await createResident({ firstName: 'Maëlle', lastName: 'Roussel' })
    const device = new Visitor()
    const login = await device.submit('/connexion', '/connexion', {
      email: resident.email,
      password: GOOD_PASSWORD,
    })
    assert.equal(login.status, 303)
    let page!: Awaited<ReturnType<Visitor['get']>>
    const statements = await statementsDuring(async () => {
      page = await device.get('/mon-espace/profil')
    })
    assert.equal(page.status, 200)
    assert.include(page.text, 'Maëlle')
    assert.include(page.text, 'Roussel')
    assert.match(statements.filter(readsTheSession)[0], /left join ["`]users["`]/i)
    assert.deepEqual(statements.filter(readsAResidentAlone), [], statements.join('\n'))
    const rows = await db.from('sessions').whereNotNull('user_id')
    assert.isTrue(rows.every((row) => row.agent_id === null))
  })

  test('a resident whose account was deleted meanwhile is no longer logged in', async ({
    assert,
  }) => {
    const resident = await createResident()
    const device = new Visitor()
    await device.submit('/connexion', '/connexion', {
      email: resident.email,
      password: GOOD_PASSWORD,
    })
    assert.equal((await device.get('/mon-espace/demandes')).status, 200)
    await db.from('users').where('id', resident.id).delete()
    const page = await device.get('/mon-espace/demandes')
    assert.equal(page.status, 302)
    assert.match(page.location ?? '', /^\/connexion/)
  })
})
