import { test } from '@japa/runner'
import ActivityRegistration from '#activities/models/activity_registration'
import modules from '#core/services/modules'
import { createAgent } from '#tests/support/factories/accounts'
import { childhoodWednesday, outing, senior } from '../support.js'

/** Every installed brick but this one. */
function enableAllButSocial() {
  const others = modules
    .bricks()
    .map(({ definition }) => definition.name)
    .filter((name) => name !== 'social')
  modules.enableFromSetting(others.length ? others.join(',') : 'none')
}

test.group('Solidarités disabled', (group) => {
  group.each.teardown(() => modules.enableFromSetting(undefined))

  test('its pages, procedure and catalogue entries disappear for residents and agents', async ({
    client,
    assert,
  }) => {
    const { session } = await outing()
    const jeanne = await senior('desactive@example.org', 72)
    const agent = await createAgent({ services: ['solidarites'] })
    enableAllButSocial()

    for (const path of [
      '/solidarites',
      '/solidarites/seniors',
      '/solidarites/aides',
      '/solidarites/logement',
      '/solidarites/registre-vulnerables',
      '/demarches/aide-ponctuelle',
    ]) {
      const page = await client.get(path).loginAs(jeanne)
      assert.equal(page.status(), 404, `${path} answers 404`)
    }
    const registration = await client
      .post('/solidarites/seniors/inscriptions')
      .form({ participant: 'moi', session: String(session.id), emergencyContact: 'Luc' })
      .withCsrfToken()
      .loginAs(jeanne)
      .redirects(0)
    registration.assertStatus(404)
    for (const path of [
      '/agents/solidarites',
      '/agents/solidarites/seniors',
      '/agents/solidarites/alertes',
    ]) {
      const page = await client.get(path).withGuard('agent').loginAs(agent)
      assert.equal(page.status(), 404, `${path} answers 404`)
    }
    const catalogue = await client.get('/demarches')
    catalogue.assertStatus(200)
    assert.notInclude(catalogue.text(), '/solidarites')
    assert.lengthOf(await ActivityRegistration.query().where('owner', 'social'), 0)
  })

  test('the shared activities engine keeps serving childhood', async ({ client, assert }) => {
    enableAllButSocial()
    const { wednesday, parent, child } = await childhoodWednesday(
      'parent-sans-solidarites@example.org',
      1
    )

    const registered = await client
      .post('/enfance/inscriptions')
      .form({ child: String(child.id), session: String(wednesday.id) })
      .withCsrfToken()
      .loginAs(parent)
      .redirects(0)
    registered.assertStatus(303)
    const rows = await ActivityRegistration.query().where('sessionId', wednesday.id)
    assert.deepEqual(
      rows.map((row) => [row.owner, row.status]),
      [['childhood', 'placed']]
    )
  })
})
