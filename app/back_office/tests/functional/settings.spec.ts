import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditEntry from '#demands/models/audit_entry'
import modules from '#core/services/modules'
import { agentCan, storedGrants } from '#accounts/services/permissions'
import Service from '#accounts/models/service'
import { createAgent, createService } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'

/** Runs `callback` with PARVIS_BRICKS set to `setting`, then restores every brick. */
async function withBricks(setting: string, callback: () => Promise<void>) {
  modules.enableFromSetting(setting)
  try {
    await callback()
  } finally {
    modules.enableFromSetting(undefined)
  }
}

const PRICES = {
  childhood__mealPriceA: '1,20',
  childhood__mealPriceB: '2,85',
  childhood__mealPriceC: '3,80',
  childhood__mealPriceD: '4,50',
}

test.group('Admin settings page (/agents/admin/reglages)', () => {
  test('an admin sees each enabled module’s settings grouped under its name, with the value in force and the default', async ({
    client,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Réglages')
    page.assertTextIncludes('Prix du repas à la cantine, tranche B')
    page.assertTextIncludes('value="2,85"')
    page.assertTextIncludes('Par défaut : 2,85 €.')
    page.assertTextIncludes('Permettre la réservation quand l’ANTS ne répond pas')
    page.assertTextIncludes('action="/agents/admin/reglages/childhood"')
    page.assertTextIncludes('inputmode="decimal"')
    const menu = await client.get('/agents/admin').withGuard('agent').loginAs(admin)
    menu.assertTextIncludes('href="/agents/admin/reglages"')
  })

  test('an agent who is not an admin gets "access refused", like every admin page, and cannot change a price', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({
      role: 'supervisor',
      services: ['enfance'],
      permissions: ['childhood.invoicing.run'],
    })
    ;(await client.get('/agents/admin/reglages').withGuard('agent').loginAs(agent)).assertStatus(
      403
    )
    ;(
      await client
        .post('/agents/admin/reglages/childhood')
        .form({ ...PRICES, childhood__mealPriceB: '0' })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
    ).assertStatus(403)
    const anonymous = await client.get('/agents/admin/reglages').redirects(0)
    assert.equal(anonymous.header('location'), '/agents/connexion')
    assert.lengthOf(await db.from('module_settings'), 0)
  })

  test('a price typed "abc", "-3" or "1,234" is refused with a French message next to the field, and nothing changes', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const expected: Record<string, string> = {
      'abc': 'Saisissez un montant en euros, par exemple 2,85',
      '-3': 'Le montant ne peut pas être négatif',
      '1,234': 'Saisissez un montant avec deux chiffres après la virgule au plus, par exemple 2,85',
    }
    for (const [typed, message] of Object.entries(expected)) {
      const response = await client
        .post('/agents/admin/reglages/childhood')
        .form({ ...PRICES, childhood__mealPriceA: '1,50', childhood__mealPriceB: typed })
        .header('referer', '/agents/admin/reglages')
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
      assert.deepEqual(inputErrors(response).childhood__mealPriceB, [message], typed)
      assert.notProperty(inputErrors(response), 'childhood__mealPriceA')
    }
    assert.lengthOf(
      await db.from('module_settings'),
      0,
      'the valid price typed beside the wrong one is not stored either'
    )
    assert.lengthOf(await AuditEntry.all(), 0)

    // The page shows the message next to the field, in the summary, and keeps what was typed.
    const refused = await client
      .post('/agents/admin/reglages/childhood')
      .form({ ...PRICES, childhood__mealPriceB: 'abc' })
      .header('referer', '/agents/admin/reglages')
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    refused.assertTextIncludes('error-summary')
    refused.assertTextIncludes('href="#childhood__mealPriceB"')
    refused.assertTextIncludes('id="childhood__mealPriceB-error"')
    refused.assertTextIncludes('value="abc"')
  })

  test('a change is stored for every process and audited with the old and the new value; the same value again writes nothing', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const saved = await client
      .post('/agents/admin/reglages/childhood')
      .form({ ...PRICES, childhood__mealPriceB: '3.1' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(303)
    const rows = await db.from('module_settings').select('module', 'key', 'value', 'updated_by')
    assert.deepEqual(
      rows.map((row) => ({ ...row, updated_by: Number(row.updated_by) })),
      [{ module: 'childhood', key: 'mealPriceB', value: '310', updated_by: admin.id }]
    )
    const entries = await AuditEntry.all()
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].action, 'setting.changed')
    assert.equal(entries[0].agentId, admin.id)
    assert.equal(entries[0].detail, 'childhood.mealPriceB : 2,85 → 3,10')
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertTextIncludes('value="3,10"')
    const audit = await client.get('/agents/admin/audit').withGuard('agent').loginAs(admin)
    audit.assertTextIncludes('Réglage modifié')
    audit.assertTextIncludes('childhood.mealPriceB : 2,85 → 3,10')

    await client
      .post('/agents/admin/reglages/childhood')
      .form({ ...PRICES, childhood__mealPriceB: '3,10' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.lengthOf(await AuditEntry.all(), 1)
  })

  test('the ANTS switch is a checkbox: ticked it is on, left unticked it is off', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await client
      .post('/agents/admin/reglages/administration')
      .form({ administration__antsFailOpen: '1' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.equal(
      (await db.from('module_settings').where('key', 'antsFailOpen').firstOrFail()).value,
      'true'
    )
    await client
      .post('/agents/admin/reglages/administration')
      .form({})
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.equal(
      (await db.from('module_settings').where('key', 'antsFailOpen').firstOrFail()).value,
      'false'
    )
    assert.lengthOf(await AuditEntry.query().where('action', 'setting.changed'), 2)
  })

  test('a disabled brick’s settings are not shown nor accepted, and its permissions are neither offered nor held', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await createService('etat_civil', 'État civil')
    const agent = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.invoicing.run'],
    })
    assert.isTrue(await agentCan(agent, 'childhood.invoicing.run'))
    await withBricks('administration,fixture', async () => {
      const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
      assert.notInclude(page.text(), 'Prix du repas')
      assert.include(page.text(), 'Permettre la réservation quand l’ANTS ne répond pas')
      ;(
        await client
          .post('/agents/admin/reglages/childhood')
          .form({ ...PRICES, childhood__mealPriceB: '9' })
          .withGuard('agent')
          .loginAs(admin)
          .withCsrfToken()
      ).assertStatus(404)
      const form = await client
        .get(`/agents/admin/agents/${agent.id}/modifier`)
        .withGuard('agent')
        .loginAs(admin)
      assert.notInclude(form.text(), 'childhood.invoicing.run')
      assert.notInclude(form.text(), 'Lancer la facturation mensuelle de la cantine')
      assert.include(form.text(), 'Modifier les réglages de l’ANTS depuis l’agenda')
      const reloaded = await (await import('#accounts/models/agent')).default.findOrFail(agent.id)
      assert.isFalse(await agentCan(reloaded, 'childhood.invoicing.run'))
      // Saving the agent while the brick is off keeps the grant it did not offer.
      const enfance = await Service.findByOrFail('slug', 'enfance')
      await client
        .post(`/agents/admin/agents/${agent.id}`)
        .form({
          'firstName': 'Agent',
          'lastName': 'Enfance',
          'role': 'agent',
          'active': '1',
          'services[]': [String(enfance.id)],
        })
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
    })
    assert.lengthOf(await db.from('module_settings'), 0)
    assert.deepEqual(
      (await storedGrants(agent.id)).map((grant) => grant.permission),
      ['childhood.invoicing.run']
    )
  })
})

test.group('Permissions in the agent form', () => {
  test('an admin grants a permission of the enfance service; it is stored, audited, and removed when unticked', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await createService('enfance', 'Enfance')
    const agent = await createAgent({ services: ['enfance'] })
    const enfance = await Service.findByOrFail('slug', 'enfance')
    const form = await client
      .get(`/agents/admin/agents/${agent.id}/modifier`)
      .withGuard('agent')
      .loginAs(admin)
    form.assertTextIncludes('Permissions dans le service Enfance')
    form.assertTextIncludes('Lancer la facturation mensuelle de la cantine')
    form.assertTextIncludes(`value="${enfance.id}:childhood.invoicing.run"`)
    const fields = {
      'firstName': 'Nadia',
      'lastName': 'Lefèvre',
      'role': 'agent',
      'active': '1',
      'services[]': [String(enfance.id)],
    }
    await client
      .post(`/agents/admin/agents/${agent.id}`)
      .form({ ...fields, 'permissions[]': [`${enfance.id}:childhood.invoicing.run`] })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.deepEqual(await storedGrants(agent.id), [
      { serviceId: enfance.id, permission: 'childhood.invoicing.run' },
    ])
    const entry = await AuditEntry.query().where('action', 'permissions.changed').firstOrFail()
    assert.equal(entry.agentId, admin.id)
    assert.include(entry.detail!, '+enfance childhood.invoicing.run')
    const again = await client
      .get(`/agents/admin/agents/${agent.id}/modifier`)
      .withGuard('agent')
      .loginAs(admin)
    assert.match(
      again.text(),
      new RegExp(`value="${enfance.id}:childhood.invoicing.run"\\s+checked`)
    )

    await client
      .post(`/agents/admin/agents/${agent.id}`)
      .form(fields)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.deepEqual(await storedGrants(agent.id), [])
    assert.lengthOf(await AuditEntry.query().where('action', 'permissions.changed'), 2)
  })

  test('a permission ticked for a service the agent is not given is not granted; a forged one is refused next to the boxes', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({ services: ['accueil'] })
    await createAgent({ services: ['enfance'] })
    const enfance = await Service.findByOrFail('slug', 'enfance')
    const accueil = await Service.findByOrFail('slug', 'accueil')
    const fields = {
      'firstName': 'Karim',
      'lastName': 'Benali',
      'role': 'agent',
      'active': '1',
      'services[]': [String(accueil.id)],
    }
    await client
      .post(`/agents/admin/agents/${agent.id}`)
      .form({ ...fields, 'permissions[]': [`${enfance.id}:childhood.invoicing.run`] })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.deepEqual(await storedGrants(agent.id), [])
    const forged = await client
      .post(`/agents/admin/agents/${agent.id}`)
      .form({ ...fields, 'permissions[]': [`${accueil.id}:childhood.invoicing.run`] })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(forged).permissions, [
      'Choisissez parmi les permissions proposées',
    ])
    assert.deepEqual(await storedGrants(agent.id), [])
  })
})
