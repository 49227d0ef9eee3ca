import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import CreateApiClient from '#api/actions/create_api_client'
import ApiCall from '#api/models/api_call'
import ApiIdempotencyKey from '#api/models/api_idempotency_key'
import { purgePersonalData } from '#jobs/personal_data'
import { writeSetting } from '#core/services/settings'
import { createAgent } from '#tests/support/factories/accounts'
import { submittedDemand } from '#api/tests/support/api'
import { clock } from '#core/clock'

function at(moment: string) {
  clock.travelTo(moment, { freeze: true })
}

test.group('The API call log is purged after its retention period', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('calls go after 90 days by default, or the period an admin sets, in the nightly purge of personal data', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { token, client: software } = await new CreateApiClient().handle(admin, {
      name: 'GRC',
      scopes: ['demands:read', 'invoices:write'],
      services: ['accueil'],
      rateLimit: 1000,
    })
    await submittedDemand('accueil')
    at('2026-01-10T10:00:00+01:00')
    ;(await client.get('/api/v1/demands').bearerToken(token)).assertStatus(200)
    ;(
      await client
        .post('/api/v1/invoices')
        .bearerToken(token)
        .header('Idempotency-Key', 'old-key')
        .json({
          service: 'accueil',
          label: 'Salle',
          due_on: '2026-02-10',
          payer: { name: 'Association' },
          lines: [{ label: 'Location', quantity: 1, unit_cents: 10000 }],
        })
    ).assertStatus(201)
    at('2026-03-01T10:00:00+01:00')
    ;(await client.get('/api/v1/demands').bearerToken(token)).assertStatus(200)
    assert.lengthOf(await ApiCall.query().where('apiClientId', software.id), 3)

    // 90 days after the first calls: they go, the later one stays; the idempotency key went after 30 days.
    at('2026-04-10T12:00:00+02:00')
    const removed = await purgePersonalData()
    assert.equal(removed['api.api_calls'], 2)
    assert.equal(removed['api.api_idempotency_keys'], 1)
    const left = await ApiCall.query().where('apiClientId', software.id)
    assert.lengthOf(left, 1)
    assert.equal(left[0].createdAt.toMillis(), Date.parse('2026-03-01T10:00:00+01:00'))
    assert.lengthOf(await ApiIdempotencyKey.all(), 0)

    // An admin keeps calls 30 days only.
    await writeSetting('api', 'retention_api_calls', 30, {
      updatedBy: admin.id,
      client: db.connection(),
    })
    assert.equal((await purgePersonalData())['api.api_calls'], 1)
    assert.lengthOf(await ApiCall.query().where('apiClientId', software.id), 0)
  })

  test('admins set the period in the settings page', async ({ client }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('name="api__retention_api_calls"')
    page.assertTextIncludes('Journal des appels des logiciels métier')
  })
})
