import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import WebhookAttempt from '#api/webhooks/models/webhook_attempt'
import { purgePersonalData } from '#jobs/personal_data'
import { writeSetting } from '#core/services/settings'
import { createAgent } from '#tests/support/factories/accounts'
import { submittedDemand } from '#api/tests/support/api'
import { subscribedReceiver } from '#api/tests/support/subscribed_receiver'
import PostMessage from '#demands/actions/post_message'
import { clock } from '#core/clock'

function at(moment: string) {
  clock.travelTo(moment, { freeze: true })
}

test.group('Webhook deliveries are purged after their retention period', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('deliveries sent go with their attempts after 30 days by default, or the period an admin sets; those still waiting for their endpoint stay', async ({
    assert,
  }) => {
    const receiver = await subscribedReceiver('Logiciel de l’accueil', {
      events: ['demand.message_posted'],
      scopes: ['demands:read'],
      services: ['accueil'],
    })
    const admin = await createAgent({ role: 'admin' })
    const demand = await submittedDemand('accueil', 'Horaires')
    const message = (body: string) =>
      new PostMessage().handle({
        demandId: demand.id,
        author: { kind: 'agent', id: admin.id },
        body,
      })
    try {
      at('2026-01-10T10:00:00+01:00')
      await message('Nous ouvrons à 8 h 30.')
      assert.lengthOf(await receiver.events(), 1)
      at('2026-03-01T10:00:00+01:00')
      receiver.receiver.answer(() => 503)
      await message('Le parking est gratuit.')
      await receiver.events()
      at('2026-03-05T10:00:00+01:00')
      await message('Le marché est le samedi.')
      await receiver.events()
      const deliveries = await WebhookDelivery.query().orderBy('id')
      assert.deepEqual(
        deliveries.map((delivery) => delivery.status),
        ['delivered', 'pending', 'pending']
      )
      const limit = Date.parse('2026-03-02T12:00:00+01:00')
      const attempts = await WebhookAttempt.query().orderBy('id')
      const oldAttempts = attempts.filter((attempt) => attempt.createdAt.toMillis() < limit)
      assert.isAtLeast(oldAttempts.length, 2, 'the first delivery’s and the second’s failed one')

      // 30 days later: the first delivery goes with its attempt, and the old attempts; the deliveries waiting for their endpoint stay.
      at('2026-04-01T12:00:00+02:00')
      const removed = await purgePersonalData()
      assert.equal(removed['api.webhook_deliveries'], oldAttempts.length + 1)
      assert.deepEqual(
        (await WebhookDelivery.query().orderBy('id')).map((delivery) => delivery.id),
        [deliveries[1].id, deliveries[2].id]
      )
      assert.deepEqual(
        (await WebhookAttempt.query().orderBy('id')).map((attempt) => attempt.id),
        attempts.filter((attempt) => attempt.createdAt.toMillis() >= limit).map((a) => a.id)
      )

      // An admin keeps them a year.
      await writeSetting('api', 'retention_webhook_deliveries', 365, {
        updatedBy: admin.id,
        client: db.connection(),
      })
      await WebhookDelivery.query().where('id', deliveries[1].id).update({ status: 'delivered' })
      assert.equal((await purgePersonalData())['api.webhook_deliveries'], 0)
    } finally {
      await receiver.close()
    }
  })
})
