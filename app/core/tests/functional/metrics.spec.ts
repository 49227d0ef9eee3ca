import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { enqueue } from '#jobs/enqueue'
import { connectorFailuresWritten, recordConnectorFailure } from '#core/observability/metrics'
import { currentRequestId, withRequestId } from '#core/observability/request_id'
import { createAgent } from '#tests/support/factories/accounts'
import { setEnvForTest } from '#tests/support/environment'

const TOKEN = 'jeton-de-prometheus-0123456789'

test.group('/metrics for Prometheus', (group) => {
  group.each.setup(() => setEnvForTest('METRICS_TOKEN', TOKEN))

  test('does not exist while no METRICS_TOKEN is set', async ({ client }) => {
    env.set('METRICS_TOKEN', '')
    const response = await client.get('/metrics').header('authorization', `Bearer ${TOKEN}`)
    response.assertStatus(404)
  })

  test('refuses a scrape without the token or with another one, and sets no cookie', async ({
    client,
    assert,
  }) => {
    const without = await client.get('/metrics')
    without.assertStatus(401)
    assert.notInclude(without.text(), 'parvis_')
    assert.isUndefined(without.header('set-cookie'))
    const wrong = await client.get('/metrics').header('authorization', 'Bearer jeton-de-prometheus')
    wrong.assertStatus(401)
  })

  test('gives request durations by route pattern, jobs by state and type, connector failures and event-loop lag', async ({
    client,
    assert,
  }) => {
    await client.get('/health')
    await client.get('/mon-espace/demandes/12345')
    await enqueue('send_mail', { to: 'a@example.org', subject: 's', html: 'h', text: 't' })
    recordConnectorFailure('smtp')
    recordConnectorFailure('smtp')
    recordConnectorFailure('ants')
    await connectorFailuresWritten()

    const response = await client.get('/metrics').header('authorization', `Bearer ${TOKEN}`)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
    const text = response.text()
    assert.match(
      text,
      /^parvis_http_request_duration_seconds_count\{method="GET",route="\/health",status="2xx"\} [1-9]/m
    )
    // the pattern, never the URL: one series whatever the id asked for
    assert.include(text, 'route="/mon-espace/demandes/:id"')
    // (values may hold any digits: only the labels must not carry the id)
    assert.notMatch(text, /\{[^}]*12345[^}]*\}/)
    assert.match(text, /^parvis_jobs\{state="waiting",name="send_mail"\} [1-9]/m)
    assert.match(text, /^parvis_connector_failures_total\{connector="smtp"\} 2$/m)
    assert.match(text, /^parvis_connector_failures_total\{connector="ants"\} 1$/m)
    assert.match(text, /^nodejs_eventloop_lag_seconds \d/m)
    assert.match(text, /^parvis_event_loop_lag_p99_seconds \d/m)
  })
})

test.group('Request ids', () => {
  test('a sane X-Request-Id is kept and sent back; anything else is replaced by a new id', async ({
    client,
    assert,
  }) => {
    const kept = await client.get('/health').header('x-request-id', 'lb-7f3c.42')
    assert.equal(kept.header('x-request-id'), 'lb-7f3c.42')
    const forged = await client.get('/health').header('x-request-id', 'a","level":60,"msg":"x')
    assert.match(forged.header('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
    const tooLong = await client.get('/health').header('x-request-id', 'x'.repeat(129))
    assert.match(tooLong.header('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
    const none = await client.get('/health')
    assert.match(none.header('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
    assert.notEqual(none.header('x-request-id'), forged.header('x-request-id'))
  })

  test('jobs a request enqueues keep its id', async ({ client, assert }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const response = await client
      .post('/agents/demandes/nouvelle/nous-contacter')
      .header('x-request-id', 'guichet-0042')
      .form({
        origin: 'counter',
        applicant: { firstName: 'Jeanne', lastName: 'Sans-Compte', email: 'jeanne@example.org' },
        topic: 'information',
        subject: 'Horaires',
        message: 'Quels sont les horaires de la mairie annexe ?',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    const jobs = await db.from('jobs').where('request_id', 'guichet-0042').select('name')
    assert.isAbove(jobs.length, 0)
  })

  test('a job runs with the id of the request that caused it, and passes it on', async ({
    assert,
  }) => {
    assert.isNull(currentRequestId())
    const job = await withRequestId('demande-99', async () => {
      assert.equal(currentRequestId(), 'demande-99')
      return enqueue('send_mail', { to: 'b@example.org', subject: 's', html: 'h', text: 't' })
    })
    const row = await db.from('jobs').where('id', job.id).firstOrFail()
    assert.equal(row.request_id, 'demande-99')
  })
})
