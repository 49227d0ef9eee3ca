import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditEntry from '#accounts/models/audit_entry'
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

/*
 * The settings and permissions tried here are the fixture brick's
 * (tests/fixtures/bricks/fixture): a price, a switch and a permission of the
 * accueil service. What a real brick's settings change is tested in its folder.
 */
const FIXTURE = { fixture__open: '1' }

/** The other enabled bricks, by name: PARVIS_BRICKS without the fixture. */
function allButFixture() {
  return (
    modules
      .enabledBricks()
      .map(({ definition }) => definition.name)
      .filter((name) => name !== 'fixture')
      .join(',') || 'none'
  )
}

test.group('Admin settings page (/agents/admin/reglages)', () => {
  test('an admin sees each enabled module’s settings grouped under its name, with the value in force and the default', async ({
    client,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Réglages')
    page.assertTextIncludes('Brique d’essai')
    page.assertTextIncludes('Prix unitaire d’essai')
    page.assertTextIncludes('value="2,85"')
    page.assertTextIncludes('Par défaut : 2,85 €.')
    page.assertTextIncludes('Ouvrir les éléments d’essai')
    page.assertTextIncludes('action="/agents/admin/reglages/fixture"')
    page.assertTextIncludes('inputmode="decimal"')
    // Every enabled module that declares settings has its form.
    for (const { definition } of modules
      .enabledModules()
      .filter(({ definition: declared }) => Object.keys(declared.settings ?? {}).length > 0))
      page.assertTextIncludes(`action="/agents/admin/reglages/${definition.name}"`)
    const menu = await client.get('/agents/admin').withGuard('agent').loginAs(admin)
    menu.assertTextIncludes('href="/agents/admin/reglages"')
  })

  test('an agent who is not an admin gets "access refused", like every admin page, and cannot change a price', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({
      role: 'supervisor',
      services: ['accueil'],
      permissions: ['fixture.item.manage'],
    })
    ;(await client.get('/agents/admin/reglages').withGuard('agent').loginAs(agent)).assertStatus(
      403
    )
    ;(
      await client
        .post('/agents/admin/reglages/fixture')
        .form({ ...FIXTURE, fixture__unitPrice: '0' })
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
        .post('/agents/admin/reglages/fixture')
        .form({ fixture__open: '1', fixture__unitPrice: typed })
        .header('referer', '/agents/admin/reglages')
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
      assert.deepEqual(inputErrors(response).fixture__unitPrice, [message], typed)
      assert.notProperty(inputErrors(response), 'fixture__open')
    }
    assert.lengthOf(
      await db.from('module_settings'),
      0,
      'the valid switch ticked beside the wrong price is not stored either'
    )
    assert.lengthOf(await AuditEntry.all(), 0)

    // The page shows the message next to the field, in the summary, and keeps what was typed.
    const refused = await client
      .post('/agents/admin/reglages/fixture')
      .form({ ...FIXTURE, fixture__unitPrice: 'abc' })
      .header('referer', '/agents/admin/reglages')
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    refused.assertTextIncludes('error-summary')
    refused.assertTextIncludes('href="#fixture__unitPrice"')
    refused.assertTextIncludes('id="fixture__unitPrice-error"')
    refused.assertTextIncludes('value="abc"')
  })

  test('a change is stored for every process and audited with the old and the new value; the same value again writes nothing', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const saved = await client
      .post('/agents/admin/reglages/fixture')
      .form({ fixture__unitPrice: '3.1' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(303)
    const rows = await db
      .from('module_settings')
      .where('key', 'unitPrice')
      .select('module', 'key', 'value', 'updated_by')
    assert.deepEqual(
      rows.map((row) => ({ ...row, updated_by: Number(row.updated_by) })),
      [{ module: 'fixture', key: 'unitPrice', value: '310', updated_by: admin.id }]
    )
    const entries = await AuditEntry.all()
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].action, 'setting.changed')
    assert.equal(entries[0].agentId, admin.id)
    assert.equal(entries[0].detail, 'fixture.unitPrice : 2,85 → 3,10')
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertTextIncludes('value="3,10"')
    const audit = await client.get('/agents/admin/audit').withGuard('agent').loginAs(admin)
    audit.assertTextIncludes('Réglage modifié')
    audit.assertTextIncludes('fixture.unitPrice : 2,85 → 3,10')

    await client
      .post('/agents/admin/reglages/fixture')
      .form({ fixture__unitPrice: '3,10' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.lengthOf(await AuditEntry.all(), 1)
  })

  test('a switch is a checkbox: ticked it is on, left unticked it is off', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await client
      .post('/agents/admin/reglages/fixture')
      .form({ fixture__open: '1', fixture__unitPrice: '2,85' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.equal(
      (await db.from('module_settings').where('key', 'open').firstOrFail()).value,
      'true'
    )
    await client
      .post('/agents/admin/reglages/fixture')
      .form({ fixture__unitPrice: '2,85' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.equal(
      (await db.from('module_settings').where('key', 'open').firstOrFail()).value,
      'false'
    )
    assert.lengthOf(await AuditEntry.query().where('action', 'setting.changed'), 2)
  })

  test('a disabled brick’s settings are not shown nor accepted, and its permissions are neither offered nor held', async ({
    client,
    assert,
  }) => {
    await createService('accueil', 'Accueil')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    // The other bricks stay enabled: their services exist, so their permissions are offered.
    const others = modules.enabledBricks().filter(({ definition }) => definition.name !== 'fixture')
    for (const { definition } of others)
      for (const service of definition.services ?? [])
        if (!(await Service.findBy('slug', service.slug)))
          await createService(service.slug, service.name)
    const agent = await createAgent({
      services: ['accueil'],
      permissions: ['fixture.item.manage'],
    })
    assert.isTrue(await agentCan(agent, 'fixture.item.manage'))
    await withBricks(allButFixture(), async () => {
      const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
      assert.notInclude(page.text(), 'Prix unitaire d’essai')
      assert.notInclude(page.text(), 'action="/agents/admin/reglages/fixture"')
      for (const { definition } of others.filter(
        ({ definition: declared }) => Object.keys(declared.settings ?? {}).length > 0
      ))
        assert.include(page.text(), `action="/agents/admin/reglages/${definition.name}"`)
      ;(
        await client
          .post('/agents/admin/reglages/fixture')
          .form({ ...FIXTURE, fixture__unitPrice: '9' })
          .withGuard('agent')
          .loginAs(admin)
          .withCsrfToken()
      ).assertStatus(404)
      const form = await client
        .get(`/agents/admin/agents/${agent.id}/modifier`)
        .withGuard('agent')
        .loginAs(admin)
      assert.notInclude(form.text(), 'fixture.item.manage')
      assert.notInclude(form.text(), 'Gérer les éléments d’essai')
      for (const { definition } of others)
        for (const permission of definition.permissions ?? [])
          assert.include(form.text(), `:${permission}"`, `${permission} is still offered`)
      const reloaded = await (await import('#accounts/models/agent')).default.findOrFail(agent.id)
      assert.isFalse(await agentCan(reloaded, 'fixture.item.manage'))
      // Saving the agent while the brick is off keeps the grant it did not offer.
      const accueil = await Service.findByOrFail('slug', 'accueil')
      await client
        .post(`/agents/admin/agents/${agent.id}`)
        .form({
          'firstName': 'Agent',
          'lastName': 'Accueil',
          'role': 'agent',
          'active': '1',
          'services[]': [String(accueil.id)],
        })
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
    })
    assert.lengthOf(await db.from('module_settings'), 0)
    assert.deepEqual(
      (await storedGrants(agent.id)).map((grant) => grant.permission),
      ['fixture.item.manage']
    )
  })
})

test.group('Permissions in the agent form', () => {
  test('an admin grants a permission of the accueil service; it is stored, audited, and removed when unticked', async ({
    client,
    assert,
  }) => {
    await createService('accueil', 'Accueil')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({ services: ['accueil'] })
    const accueil = await Service.findByOrFail('slug', 'accueil')
    const form = await client
      .get(`/agents/admin/agents/${agent.id}/modifier`)
      .withGuard('agent')
      .loginAs(admin)
    form.assertTextIncludes('Permissions dans le service Accueil')
    form.assertTextIncludes('Gérer les éléments d’essai')
    form.assertTextIncludes(`value="${accueil.id}:fixture.item.manage"`)
    const fields = {
      'firstName': 'Nadia',
      'lastName': 'Lefèvre',
      'role': 'agent',
      'active': '1',
      'services[]': [String(accueil.id)],
    }
    await client
      .post(`/agents/admin/agents/${agent.id}`)
      .form({ ...fields, 'permissions[]': [`${accueil.id}:fixture.item.manage`] })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.deepEqual(await storedGrants(agent.id), [
      { serviceId: accueil.id, permission: 'fixture.item.manage' },
    ])
    const entry = await AuditEntry.query().where('action', 'permissions.changed').firstOrFail()
    assert.equal(entry.agentId, admin.id)
    assert.include(entry.detail!, '+accueil fixture.item.manage')
    const again = await client
      .get(`/agents/admin/agents/${agent.id}/modifier`)
      .withGuard('agent')
      .loginAs(admin)
    assert.match(again.text(), new RegExp(`value="${accueil.id}:fixture.item.manage"\\s+checked`))

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
    const agent = await createAgent({ services: ['urbanisme'] })
    const accueil = await Service.findByOrFail('slug', 'accueil')
    const urbanisme = await Service.findByOrFail('slug', 'urbanisme')
    const fields = {
      'firstName': 'Karim',
      'lastName': 'Benali',
      'role': 'agent',
      'active': '1',
      'services[]': [String(urbanisme.id)],
    }
    await client
      .post(`/agents/admin/agents/${agent.id}`)
      .form({ ...fields, 'permissions[]': [`${accueil.id}:fixture.item.manage`] })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    assert.deepEqual(await storedGrants(agent.id), [])
    const forged = await client
      .post(`/agents/admin/agents/${agent.id}`)
      .form({ ...fields, 'permissions[]': [`${urbanisme.id}:fixture.item.manage`] })
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
