import { test } from '@japa/runner'
import AuditEntry from '#accounts/models/audit_entry'
import { createAgent, createResident } from '#tests/support/factories/accounts'

async function residentWithPhone() {
  const resident = await createResident({
    email: 'marie.curie@example.org',
    firstName: 'Marie',
    lastName: 'Curie',
  })
  resident.phone = '0612345678'
  await resident.save()
  return resident
}

test.group('Resident search at the counter', () => {
  test('agents of services that file no procedure at the counter (technical services, enfance, a new service) get 404 and no resident data', async ({
    client,
    assert,
  }) => {
    await residentWithPhone()
    for (const service of ['services_techniques', 'enfance', 'espaces_verts']) {
      const agent = await createAgent({ services: [service] })
      for (const path of [
        '/agents/demandes/nouvelle?q=Curie',
        '/agents/demandes/nouvelle?q=06123',
        '/agents/demandes/nouvelle',
      ]) {
        const response = await client.get(path).withGuard('agent').loginAs(agent)
        assert.equal(response.status(), 404, `${service} ${path}`)
        assert.notInclude(response.text(), 'marie.curie@example.org', `${service} ${path}`)
        assert.notInclude(response.text(), '0612345678', `${service} ${path}`)
      }
      const inbox = await client.get('/agents/demandes').withGuard('agent').loginAs(agent)
      inbox.assertStatus(200)
      assert.notInclude(
        inbox.text(),
        'href="/agents/demandes/nouvelle"',
        `${service} is offered counter mode`
      )
    }
    assert.lengthOf(await AuditEntry.all(), 0)
  })

  test('an accueil agent finds a resident by name, e-mail or phone', async ({ client, assert }) => {
    const resident = await residentWithPhone()
    const agent = await createAgent({ services: ['accueil'] })
    const inbox = await client.get('/agents/demandes').withGuard('agent').loginAs(agent)
    assert.include(inbox.text(), 'href="/agents/demandes/nouvelle"')
    for (const q of ['Curie', 'marie.curie@', '06 12 34 56 78']) {
      const response = await client
        .get(`/agents/demandes/nouvelle?q=${encodeURIComponent(q)}`)
        .withGuard('agent')
        .loginAs(agent)
      response.assertStatus(200)
      response.assertTextIncludes('marie.curie@example.org')
      response.assertTextIncludes(`?usager=${resident.id}`)
    }
  })

  test('a query under three characters is refused next to the field, and finds nobody', async ({
    client,
    assert,
  }) => {
    await residentWithPhone()
    const agent = await createAgent({ services: ['accueil'] })
    const response = await client
      .get('/agents/demandes/nouvelle?q=Cu')
      .withGuard('agent')
      .loginAs(agent)
    response.assertStatus(422)
    response.assertTextIncludes('Saisissez au moins 3 caractères')
    response.assertTextIncludes('id="q-error"')
    response.assertTextIncludes('<a href="#q">Saisissez au moins 3 caractères')
    assert.notInclude(response.text(), 'marie.curie@example.org')
    assert.lengthOf(await AuditEntry.all(), 0)
  })

  test('each search is written to the access log: who looked up what, and how many were found', async ({
    client,
    assert,
  }) => {
    await residentWithPhone()
    const agent = await createAgent({ services: ['accueil'] })
    await client.get('/agents/demandes/nouvelle?q=Curie').withGuard('agent').loginAs(agent)
    await client.get('/agents/demandes/nouvelle?q=Personne').withGuard('agent').loginAs(agent)
    const entries = await AuditEntry.query().orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.agentId, entry.action, entry.detail]),
      [
        [agent.id, 'residents.searched', 'Curie (1)'],
        [agent.id, 'residents.searched', 'Personne (0)'],
      ]
    )
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const log = await client.get('/agents/admin/audit').withGuard('agent').loginAs(admin)
    log.assertTextIncludes('Recherche d’usagers')
    log.assertTextIncludes('Curie (1)')
  })

  test('opening the counter form for a resident by id is logged too, and an unknown id is not found', async ({
    client,
    assert,
  }) => {
    const resident = await residentWithPhone()
    const agent = await createAgent({ services: ['accueil'] })
    const form = await client
      .get(`/agents/demandes/nouvelle/nous-contacter?usager=${resident.id}`)
      .withGuard('agent')
      .loginAs(agent)
    form.assertStatus(200)
    form.assertTextIncludes('marie.curie@example.org')
    const unknown = await client
      .get(`/agents/demandes/nouvelle/nous-contacter?usager=${resident.id + 1000}`)
      .withGuard('agent')
      .loginAs(agent)
    unknown.assertStatus(404)
    const entries = await AuditEntry.query().orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.agentId, entry.action, entry.detail]),
      [[agent.id, 'resident.viewed', `Marie Curie (#${resident.id})`]]
    )
  })
})
