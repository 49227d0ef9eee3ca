import { test } from '@japa/runner'
import type { ApiClient as HttpClient } from '@japa/api-client'
import type Agent from '#accounts/models/agent'
import CreateApiClient from '#api/actions/create_api_client'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import WebhookAttempt from '#api/webhooks/models/webhook_attempt'
import PostMessage from '#demands/actions/post_message'
import FireTransition from '#demands/actions/fire_transition'
import { Worker } from '#jobs/worker'
import { createAgent, createService } from '#tests/support/factories/accounts'
import { submittedDemand } from '#api/tests/support/api'
import { startReceiver } from '#api/tests/support/webhook_receiver'
import { clock } from '#core/clock'
import Service from '#accounts/models/service'

const EVENTS = ['demand.transitioned', 'demand.message_posted']

/** The secret shown once on the page that follows a subscription or a rotation. */
function secretOf(html: string) {
  const match = /value="(whsec_[^"]+)"/.exec(html)
  if (!match) throw new Error('No secret on the page')
  return match[1].replaceAll('&#x3D;', '=').replaceAll('&#x2F;', '/').replaceAll('&#43;', '+')
}

async function admin() {
  if (!(await Service.findBy('slug', 'accueil'))) await createService('accueil', 'Accueil')
  return createAgent({ role: 'admin' })
}

/** An admin subscribes `url` for a client of the accueil demands, through /agents/admin/connecteurs. */
async function subscribe(client: HttpClient, by: Agent, url: string, events = EVENTS) {
  const { client: apiClient } = await new CreateApiClient().handle(by, {
    name: 'Logiciel de l’accueil',
    scopes: ['demands:read'],
    services: ['accueil'],
    rateLimit: 60,
  })
  const response = await client
    .post('/agents/admin/connecteurs/webhooks')
    .form({ apiClientId: apiClient.id, url, events })
    .withGuard('agent')
    .loginAs(by)
    .withCsrfToken()
  response.assertStatus(200)
  const endpoint = await WebhookEndpoint.query().where('url', url).firstOrFail()
  return { apiClient, endpoint, secret: secretOf(response.text()) }
}

async function message(demandId: number, by: Agent, body: string) {
  await new PostMessage().handle({ demandId, author: { kind: 'agent', id: by.id }, body })
}

/**
 * Runs the webhooks queue as `jobs:work` would, moving the clock an hour at a
 * time so that the retries fall due, until nothing is left to send.
 */
async function deliverAll(hours = 40) {
  const worker = new Worker({ queues: ['webhooks'] })
  for (let hour = 0; hour <= hours; hour++) {
    while ((await worker.runOnce(clock.now(), 'webhooks')) > 0);
    const waiting = await WebhookDelivery.query().where('status', 'pending').count('* as total')
    if (Number(waiting[0].$extras.total) === 0) return
    clock.travel({ hours: 1 })
  }
}

test.group('Webhooks of the business software', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-03-02T09:00:00+01:00')
    return () => {
      clock.reset()
    }
  })

  test('a receiver down for a while (503) then up gets every event once per webhook-id, in order, each signed as Standard Webhooks says', async ({
    client,
    assert,
  }) => {
    const receiver = await startReceiver((n) => (n <= 3 ? 503 : 200))
    try {
      const by = await admin()
      const { endpoint, secret } = await subscribe(client, by, receiver.url)
      assert.match(secret, /^whsec_/)
      assert.notInclude(JSON.stringify(endpoint.$attributes), secret)
      assert.equal(endpoint.plainSecret, secret)

      const first = await submittedDemand('accueil', 'Horaires')
      const second = await submittedDemand('accueil', 'Stationnement')
      const elsewhere = await submittedDemand('etat_civil', 'Acte de naissance')
      await message(first.id, by, 'Nous ouvrons à 8 h 30.')
      await new FireTransition().handle({
        demandId: second.id,
        transition: 'start_review',
        actor: { kind: 'agent', role: 'agent' },
        actorId: by.id,
      })
      await message(second.id, by, 'Votre demande est à l’étude.')
      await message(elsewhere.id, by, 'Un autre service.')

      const deliveries = await WebhookDelivery.query()
        .where('webhookEndpointId', endpoint.id)
        .orderBy('id')
      assert.deepEqual(
        deliveries.map((delivery) => delivery.eventType),
        ['demand.message_posted', 'demand.transitioned', 'demand.message_posted'],
        'one delivery per event the client may see, none for the état-civil demand'
      )

      await deliverAll()

      // Every request verifies with the maintained library.
      const bodies = receiver.received.map((request) => receiver.verify(request, secret))
      assert.equal(bodies[0].type, 'demand.message_posted')
      assert.equal(bodies[0].data.demand_id, first.id)
      // The first delivery was tried four times with the same webhook-id, holding the others back.
      assert.deepEqual(
        receiver.received.map((request) => request.id),
        [
          deliveries[0].messageId,
          deliveries[0].messageId,
          deliveries[0].messageId,
          deliveries[0].messageId,
          deliveries[1].messageId,
          deliveries[2].messageId,
        ]
      )
      const accepted = receiver.received.filter((request) => request.answered === 200)
      assert.deepEqual(
        accepted.map((request) => request.id),
        deliveries.map((delivery) => delivery.messageId),
        'each event accepted once, in the order of the events'
      )
      const transitioned = receiver.verify(accepted[1], secret)
      assert.include(transitioned.data, {
        demand_id: second.id,
        transition: 'start_review',
        from: 'submitted',
      })

      for (const delivery of deliveries) await delivery.refresh()
      assert.deepEqual(
        deliveries.map((delivery) => delivery.status),
        ['delivered', 'delivered', 'delivered']
      )
      assert.equal(deliveries[0].attempts, 4)
      const attempts = await WebhookAttempt.query()
        .where('webhookDeliveryId', deliveries[0].id)
        .orderBy('id')
      assert.deepEqual(
        attempts.map((attempt) => attempt.statusCode),
        [503, 503, 503, 200]
      )
      assert.equal(attempts[0].responseExcerpt, 'indisponible 503')
      assert.isAtLeast(attempts[0].durationMs, 0)

      const page = await client
        .get(`/agents/admin/connecteurs/webhooks/${endpoint.id}`)
        .withGuard('agent')
        .loginAs(by)
      page.assertStatus(200)
      assert.include(page.text(), deliveries[0].messageId)
      assert.include(page.text(), 'indisponible 503')
    } finally {
      await receiver.close()
    }
  })

  test('a refused connection is logged and tried again later with the same webhook-id', async ({
    client,
    assert,
  }) => {
    const receiver = await startReceiver()
    const url = receiver.url
    await receiver.close()
    const by = await admin()
    const { endpoint } = await subscribe(client, by, url)
    const demand = await submittedDemand('accueil')
    await message(demand.id, by, 'Bonjour')
    const worker = new Worker({ queues: ['webhooks'] })
    await worker.runOnce(clock.now(), 'webhooks')
    const delivery = await WebhookDelivery.findByOrFail('webhookEndpointId', endpoint.id)
    assert.equal(delivery.status, 'pending')
    assert.equal(delivery.attempts, 1)
    assert.isNull(delivery.lastStatusCode)
    assert.match(delivery.lastError ?? '', /ECONNREFUSED/)
    const page = await client.get('/agents/admin/connecteurs').withGuard('agent').loginAs(by)
    assert.include(page.text(), 'ECONNREFUSED')
  })

  test('a 410 Gone stops the subscription, the connectors page shows it, and the events of that time leave in order once an admin enables it again', async ({
    client,
    assert,
  }) => {
    const receiver = await startReceiver(() => 410)
    try {
      const by = await admin()
      const { endpoint, secret } = await subscribe(client, by, receiver.url)
      const demand = await submittedDemand('accueil')
      await message(demand.id, by, 'Premier message')
      await deliverAll()
      await endpoint.refresh()
      assert.isFalse(endpoint.enabled)
      assert.equal(endpoint.disabledReason, 'gone')
      assert.equal(
        (await WebhookDelivery.findByOrFail('webhookEndpointId', endpoint.id)).status,
        'gone'
      )

      await message(demand.id, by, 'Deuxième message')
      await message(demand.id, by, 'Troisième message')
      await deliverAll()
      assert.lengthOf(receiver.received, 1, 'nothing is sent to a disabled endpoint')
      const held = await WebhookDelivery.query()
        .where('webhookEndpointId', endpoint.id)
        .where('status', 'held')
        .orderBy('id')
      assert.lengthOf(held, 2)

      const overview = await client.get('/agents/admin/connecteurs').withGuard('agent').loginAs(by)
      overview.assertStatus(200)
      assert.include(overview.text(), 'Désactivée : le logiciel a répondu « 410 Gone »')
      const english = await client
        .get('/agents/admin/connecteurs')
        .header('accept-language', 'en')
        .withGuard('agent')
        .loginAs(by)
      assert.include(english.text(), 'Disabled: the software answered “410 Gone”')

      receiver.answer(() => 204)
      const enabled = await client
        .post(`/agents/admin/connecteurs/webhooks/${endpoint.id}/activation`)
        .withGuard('agent')
        .loginAs(by)
        .withCsrfToken()
        .redirects(0)
      enabled.assertStatus(303)
      await deliverAll()
      assert.deepEqual(
        receiver.received.slice(1).map((request) => request.id),
        held.map((delivery) => delivery.messageId)
      )
      assert.deepEqual(
        receiver.received
          .slice(1)
          .map(
            (request) => (receiver.verify(request, secret).data as { event_id: number }).event_id
          ),
        [...receiver.received.slice(1)]
          .map(
            (request) => (receiver.verify(request, secret).data as { event_id: number }).event_id
          )
          .sort((a, b) => a - b)
      )
    } finally {
      await receiver.close()
    }
  })

  test('a replay sends the same webhook-id again, one delivery or every one since a date', async ({
    client,
    assert,
  }) => {
    const receiver = await startReceiver()
    try {
      const by = await admin()
      const { endpoint, secret } = await subscribe(client, by, receiver.url)
      const demand = await submittedDemand('accueil')
      await message(demand.id, by, 'Un')
      await message(demand.id, by, 'Deux')
      await deliverAll()
      assert.lengthOf(receiver.received, 2)
      const [one, two] = await WebhookDelivery.query().orderBy('id')

      const replay = await client
        .post(`/agents/admin/connecteurs/livraisons/${one.id}/rejeu`)
        .withGuard('agent')
        .loginAs(by)
        .withCsrfToken()
        .redirects(0)
      replay.assertStatus(303)
      await deliverAll()
      assert.lengthOf(receiver.received, 3)
      assert.equal(receiver.received[2].id, one.messageId)
      assert.equal(receiver.verify(receiver.received[2], secret).type, 'demand.message_posted')
      const attempts = await WebhookAttempt.query().where('webhookDeliveryId', one.id).orderBy('id')
      assert.deepEqual(
        attempts.map((attempt) => attempt.replay),
        [false, true]
      )

      const since = await client
        .post(`/agents/admin/connecteurs/webhooks/${endpoint.id}/rejeu`)
        .form({ since: clock.local().minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm") })
        .withGuard('agent')
        .loginAs(by)
        .withCsrfToken()
        .redirects(0)
      since.assertStatus(303)
      await deliverAll()
      assert.deepEqual(
        receiver.received.slice(3).map((request) => request.id),
        [one.messageId, two.messageId]
      )
    } finally {
      await receiver.close()
    }
  })

  test('after a secret rotation each delivery carries two signatures, one verifying with each secret, for the overlap', async ({
    client,
    assert,
  }) => {
    const receiver = await startReceiver()
    try {
      const by = await admin()
      const { endpoint, secret: previous } = await subscribe(client, by, receiver.url)
      const rotated = await client
        .post(`/agents/admin/connecteurs/webhooks/${endpoint.id}/secret`)
        .withGuard('agent')
        .loginAs(by)
        .withCsrfToken()
      rotated.assertStatus(200)
      const current = secretOf(rotated.text())
      assert.notEqual(current, previous)
      const demand = await submittedDemand('accueil')
      await message(demand.id, by, 'Bonjour')
      await deliverAll()
      const [request] = receiver.received
      assert.lengthOf(request.signature.split(' '), 2)
      assert.doesNotThrow(() => receiver.verify(request, current))
      assert.doesNotThrow(() => receiver.verify(request, previous))
      assert.throws(() =>
        receiver.verify(request, 'whsec_' + Buffer.from('autre').toString('base64'))
      )

      clock.travel({ hours: 25 })
      await message(demand.id, by, 'Plus tard')
      await deliverAll()
      assert.lengthOf(receiver.received[1].signature.split(' '), 1)
      assert.doesNotThrow(() => receiver.verify(receiver.received[1], current))
    } finally {
      await receiver.close()
    }
  })

  test('only http and https addresses are accepted, and only events of what the client may read', async ({
    client,
    assert,
  }) => {
    const by = await admin()
    const { client: apiClient } = await new CreateApiClient().handle(by, {
      name: 'Lecteur',
      scopes: ['demands:read'],
      services: ['accueil'],
      rateLimit: 60,
    })
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:6379/_', 'javascript:alert(1)']) {
      const response = await client
        .post('/agents/admin/connecteurs/webhooks')
        .form({ apiClientId: apiClient.id, url, events: EVENTS })
        .header('referer', '/agents/admin/connecteurs/webhooks/nouveau')
        .withGuard('agent')
        .loginAs(by)
        .withCsrfToken()
      assert.include(response.text(), 'Saisissez une adresse web complète', url)
    }
    const unknown = await client
      .post('/agents/admin/connecteurs/webhooks')
      .form({
        apiClientId: apiClient.id,
        url: 'https://logiciel.example.org/hook',
        events: ['invoice.issued'],
      })
      .header('referer', '/agents/admin/connecteurs/webhooks/nouveau')
      .withGuard('agent')
      .loginAs(by)
      .withCsrfToken()
    assert.include(unknown.text(), 'Ce client ne peut pas lire la ressource')
    assert.equal(
      await WebhookEndpoint.query()
        .count('* as total')
        .then((r) => Number(r[0].$extras.total)),
      0
    )
  })

  test('an agent who is not an admin is refused the connectors page', async ({ client }) => {
    const agent = await createAgent({ role: 'agent' })
    const response = await client.get('/agents/admin/connecteurs').withGuard('agent').loginAs(agent)
    response.assertStatus(403)
  })
})
