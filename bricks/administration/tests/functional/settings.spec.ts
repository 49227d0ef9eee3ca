import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Appointment from '#appointments/models/appointment'
import AuditEntry from '#accounts/models/audit_entry'
import { createAgent } from '#tests/support/factories/accounts'
import { mailbox } from '#tests/support/smtp'
import seedAdministration from '../../database/seeders/demo.js'
import { startAntsSimulator, type AntsSimulator } from '../../connectors/ants_simulator.js'
import { AntsClient } from '../../connectors/ants_client.js'
import { useAntsClient } from '../../connectors/ants.js'

let ants: AntsSimulator

const check = (client: any) =>
  client
    .post('/formalites/rendez-vous-titre/numeros')
    .form({ numero1: 'AB12CD34EF' })
    .withSession({ booking_titre: { reason: 'CNI', persons: 1 } })
    .withCsrfToken()
    .redirects(0)

test.group('Formalities: the ANTS fail-open setting', (group) => {
  group.setup(async () => {
    ants = await startAntsSimulator({ token: 'jeton-test' })
    useAntsClient(new AntsClient({ baseUrl: ants.url, token: ants.token, timeoutMs: 500 }))
    return async () => {
      useAntsClient(null)
      await ants.stop()
    }
  })
  group.each.setup(() => {
    ants.reset()
    mailbox.clear()
  })

  test('an agent of état civil granted the settings permission lets bookings through while ANTS is down; the change is audited', async ({
    client,
    assert,
  }) => {
    await db.transaction((trx) => seedAdministration({ trx }))
    const supervisor = await createAgent({
      role: 'supervisor',
      services: ['etat_civil'],
      permissions: ['administration.settings.manage'],
    })
    ants.down = true
    ;(await check(client)).assertStatus(503)

    const menu = await client.get('/agents/formalites').withGuard('agent').loginAs(supervisor)
    menu.assertTextIncludes('href="/agents/formalites/reglages"')
    const page = await client
      .get('/agents/formalites/reglages')
      .withGuard('agent')
      .loginAs(supervisor)
    page.assertStatus(200)
    page.assertTextIncludes('Permettre la réservation quand l’ANTS ne répond pas')
    await client
      .post('/agents/formalites/reglages')
      .form({ administration__antsFailOpen: '1' })
      .withGuard('agent')
      .loginAs(supervisor)
      .withCsrfToken()
    const entry = await AuditEntry.query().where('action', 'setting.changed').firstOrFail()
    assert.equal(entry.detail, 'administration.antsFailOpen : false → true')
    assert.equal(entry.agentId, supervisor.id)

    const through = await check(client)
    assert.equal(through.header('location'), '/formalites/rendez-vous-titre/creneau')
    assert.lengthOf(await Appointment.all(), 0)
  })

  test('a supervisor of état civil without the permission gets 404 and no link; the setting stays off', async ({
    client,
    assert,
  }) => {
    const supervisor = await createAgent({ role: 'supervisor', services: ['etat_civil'] })
    const menu = await client.get('/agents/formalites').withGuard('agent').loginAs(supervisor)
    assert.notInclude(menu.text(), 'href="/agents/formalites/reglages"')
    ;(
      await client.get('/agents/formalites/reglages').withGuard('agent').loginAs(supervisor)
    ).assertStatus(404)
    ;(
      await client
        .post('/agents/formalites/reglages')
        .form({ administration__antsFailOpen: '1' })
        .withGuard('agent')
        .loginAs(supervisor)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(404)
    assert.lengthOf(await db.from('module_settings'), 0)
  })
})

test.group('Formalities: the ANTS switch in /agents/admin/reglages', () => {
  test('an admin sees the ANTS switch; it is a checkbox: ticked it is on, left unticked it is off', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertTextIncludes('Permettre la réservation quand l’ANTS ne répond pas')
    page.assertTextIncludes('action="/agents/admin/reglages/administration"')
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
})
