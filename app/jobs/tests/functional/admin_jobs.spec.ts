import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { registerJob } from '#jobs/registry'
import { Worker } from '#jobs/worker'
import { createAgent } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'

let receiverUp = false
let deliveries = 0

registerJob('test_webhook', {
  maxAttempts: 2,
  async handle() {
    if (!receiverUp) throw new Error('connect ECONNREFUSED 127.0.0.1:9')
    deliveries++
  },
})

/** Runs the job until it is dead, moving the clock past each backoff. */
async function killJob() {
  await enqueue('test_webhook', { event: 'demand.submitted' }, { idempotencyKey: 'webhook-1' })
  const worker = new Worker()
  await worker.runOnce()
  await worker.runOnce(clock.now().plus({ hours: 7 }))
  return Job.findByOrFail('idempotencyKey', 'webhook-1')
}

/** A job a worker claimed and last signed for `silentForSeconds` ago. */
async function runningJob(options: { lockedBy: string; silentForSeconds: number }) {
  const job = await enqueue('test_webhook', { event: 'demand.submitted' })
  const format = db.connection().dialect.dateTimeFormat
  await db
    .from('jobs')
    .where('id', job.id)
    .update({
      status: 'running',
      attempts: 1,
      locked_by: options.lockedBy,
      locked_at: clock.now().minus({ minutes: 20 }).toFormat(format),
      heartbeat_at: clock.now().minus({ seconds: options.silentForSeconds }).toFormat(format),
    })
  await job.refresh()
  return job
}

test.group('Jobs in the back office', (group) => {
  group.each.setup(() => {
    receiverUp = false
    deliveries = 0
  })

  test('a dead job shows in /agents/admin/jobs with its last error and runs again on "retry"', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    const job = await killJob()
    assert.equal(job.status, 'dead')

    const list = await client.get('/agents/admin/jobs?etat=dead').withGuard('agent').loginAs(admin)
    list.assertStatus(200)
    list.assertTextIncludes(`#${job.id}`)
    list.assertTextIncludes('test_webhook')
    list.assertTextIncludes('connect ECONNREFUSED')

    const detail = await client
      .get(`/agents/admin/jobs/${job.id}`)
      .withGuard('agent')
      .loginAs(admin)
    detail.assertTextIncludes('En échec définitif')
    detail.assertTextIncludes(`action="/agents/admin/jobs/${job.id}/relance"`)

    receiverUp = true
    const retry = await client
      .post(`/agents/admin/jobs/${job.id}/relance`)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    retry.assertStatus(303)
    await job.refresh()
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 0)

    await new Worker().drain()
    await job.refresh()
    assert.equal(job.status, 'succeeded')
    assert.equal(deliveries, 1)
  })

  test('a retry without CSRF token changes nothing', async ({ client, assert }) => {
    const admin = await createAgent({ role: 'admin' })
    const job = await killJob()
    await client
      .post(`/agents/admin/jobs/${job.id}/relance`)
      .withGuard('agent')
      .loginAs(admin)
      .redirects(0)
    await job.refresh()
    assert.equal(job.status, 'dead')
  })

  test('an agent who is not an admin gets 403 on the jobs pages and cannot retry', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ role: 'supervisor' })
    const job = await killJob()
    for (const path of ['/agents/admin/jobs', `/agents/admin/jobs/${job.id}`]) {
      const response = await client.get(path).withGuard('agent').loginAs(agent)
      response.assertStatus(403)
    }
    const retry = await client
      .post(`/agents/admin/jobs/${job.id}/relance`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    retry.assertStatus(403)
    await job.refresh()
    assert.equal(job.status, 'dead')
  })

  test('"Relancer" from the list brings the admin back to the list with a confirmation', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    const job = await killJob()
    const list = await client.get('/agents/admin/jobs?etat=dead').withGuard('agent').loginAs(admin)
    list.assertTextIncludes('<caption')
    list.assertTextIncludes('scope="row"')
    list.assertTextIncludes(`action="/agents/admin/jobs/${job.id}/relance"`)
    list.assertTextIncludes('Relancer')

    const retry = await client
      .post(`/agents/admin/jobs/${job.id}/relance`)
      .form({ retour: '/agents/admin/jobs?etat=dead' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    retry.assertStatus(303)
    retry.assertHeader('location', '/agents/admin/jobs?etat=dead')
    await job.refresh()
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 0)
    assert.include(job.lastError!, 'ECONNREFUSED', 'the last error stays for reference')

    const followed = await client
      .post(`/agents/admin/jobs/${job.id}/relance`)
      .form({ retour: '/agents/admin/jobs?etat=retrying' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    followed.assertStatus(200)
    followed.assertTextIncludes('La tâche est relancée.')
    followed.assertTextIncludes('aria-current="page">En nouvel essai')
  })

  test('the page to go back to after "Relancer" must be a jobs page', async ({ client }) => {
    const admin = await createAgent({ role: 'admin' })
    const job = await killJob()
    const retry = await client
      .post(`/agents/admin/jobs/${job.id}/relance`)
      .form({ retour: 'https://evil.example/agents/admin/jobs' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    retry.assertStatus(303)
    retry.assertHeader('location', `/agents/admin/jobs/${job.id}`)
  })

  test('a job that has succeeded cannot be run again by hand', async ({ client, assert }) => {
    const admin = await createAgent({ role: 'admin' })
    receiverUp = true
    const job = await enqueue(
      'test_webhook',
      { event: 'demand.submitted' },
      { idempotencyKey: 'webhook-ok' }
    )
    await new Worker().drain()
    await job.refresh()
    assert.equal(job.status, 'succeeded')
    const retry = await client
      .post(`/agents/admin/jobs/${job.id}/relance`)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    retry.assertTextIncludes('elle ne peut pas être relancée')
    await job.refresh()
    assert.equal(job.status, 'succeeded')
    assert.equal(deliveries, 1)
  })

  test('the list pages by job number, fifty at a time, without offsets', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    for (let index = 0; index < 55; index++)
      await enqueue('test_webhook', { index }, { idempotencyKey: `dead-${index}` })
    await db.from('jobs').update({ status: 'dead', attempts: 2, last_error: 'boom' })
    const ids = (await Job.query().orderBy('id', 'desc')).map((job) => job.id)

    const first = await client.get('/agents/admin/jobs?etat=dead').withGuard('agent').loginAs(admin)
    first.assertTextIncludes(`#${ids[0]}<`)
    first.assertTextIncludes(`#${ids[49]}<`)
    assert.notInclude(first.text(), `#${ids[50]}<`)
    const next = `/agents/admin/jobs?etat=dead&amp;avant=${ids[49]}`
    first.assertTextIncludes(next)

    const second = await client.get(next.replace('&amp;', '&')).withGuard('agent').loginAs(admin)
    second.assertTextIncludes(`#${ids[50]}<`)
    second.assertTextIncludes(`#${ids[54]}<`)
    assert.notInclude(second.text(), `#${ids[49]}<`)
  })

  test('the list shows pending, retrying and dead jobs under their own filter', async ({
    client,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    await enqueue(
      'test_webhook',
      {},
      { idempotencyKey: 'waiting', runAt: clock.now().plus({ days: 1 }) }
    )
    await enqueue('test_webhook', {}, { idempotencyKey: 'retrying' })
    await new Worker().runOnce()
    const waiting = await Job.findByOrFail('idempotencyKey', 'waiting')
    const retrying = await Job.findByOrFail('idempotencyKey', 'retrying')

    const pending = await client
      .get('/agents/admin/jobs?etat=pending')
      .withGuard('agent')
      .loginAs(admin)
    pending.assertTextIncludes(`#${waiting.id}<`)
    pending.assertTextIncludes('0 / 2')
    const failing = await client
      .get('/agents/admin/jobs?etat=retrying')
      .withGuard('agent')
      .loginAs(admin)
    failing.assertTextIncludes(`#${retrying.id}<`)
    failing.assertTextIncludes('1 / 2')
    failing.assertTextIncludes('connect ECONNREFUSED')
    failing.assertTextIncludes(`action="/agents/admin/jobs/${retrying.id}/relance"`)
  })

  test('an admin releases a running job whose worker is silent, after a confirmation page, and another worker runs it', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    receiverUp = true
    const job = await runningJob({ lockedBy: 'machine-perdue:4242:abcdef', silentForSeconds: 300 })

    const list = await client
      .get('/agents/admin/jobs?etat=running')
      .withGuard('agent')
      .loginAs(admin)
    list.assertTextIncludes(`href="/agents/admin/jobs/${job.id}/liberer"`)
    const detail = await client
      .get(`/agents/admin/jobs/${job.id}`)
      .withGuard('agent')
      .loginAs(admin)
    detail.assertTextIncludes('machine-perdue:4242:abcdef')
    detail.assertTextIncludes('ne donne plus signe de vie')
    detail.assertTextIncludes(`href="/agents/admin/jobs/${job.id}/liberer"`)

    const confirm = await client
      .get(`/agents/admin/jobs/${job.id}/liberer`)
      .withGuard('agent')
      .loginAs(admin)
    confirm.assertStatus(200)
    confirm.assertTextIncludes(`action="/agents/admin/jobs/${job.id}/liberer"`)
    confirm.assertTextIncludes("name='_csrf'")
    confirm.assertTextIncludes('pourrait être exécutée deux fois')

    const release = await client
      .post(`/agents/admin/jobs/${job.id}/liberer`)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    release.assertStatus(303)
    release.assertHeader('location', `/agents/admin/jobs/${job.id}`)
    await job.refresh()
    assert.equal(job.status, 'pending')
    assert.isNull(job.lockedBy)
    assert.equal(job.attempts, 1, 'the attempt cut short counts')

    await new Worker().drain()
    await job.refresh()
    assert.equal(job.status, 'succeeded')
    assert.equal(deliveries, 1)
  })

  test('a running job whose worker still beats cannot be released, and a release without CSRF token changes nothing', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    const alive = await runningJob({ lockedBy: 'vivant:1:aaaaaa', silentForSeconds: 1 })
    const confirm = await client
      .get(`/agents/admin/jobs/${alive.id}/liberer`)
      .withGuard('agent')
      .loginAs(admin)
    confirm.assertTextIncludes('donne signe de vie : elle ne peut pas être libérée')
    assert.notInclude(confirm.text(), `action="/agents/admin/jobs/${alive.id}/liberer"`)
    const forced = await client
      .post(`/agents/admin/jobs/${alive.id}/liberer`)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    forced.assertTextIncludes('elle n’a pas été libérée')
    await alive.refresh()
    assert.equal(alive.status, 'running')
    assert.equal(alive.lockedBy, 'vivant:1:aaaaaa')

    const silent = await runningJob({ lockedBy: 'perdu:2:bbbbbb', silentForSeconds: 300 })
    await client
      .post(`/agents/admin/jobs/${silent.id}/liberer`)
      .withGuard('agent')
      .loginAs(admin)
      .redirects(0)
    await silent.refresh()
    assert.equal(silent.status, 'running')
  })

  test('an agent who is not an admin gets 403 on releasing a job', async ({ client, assert }) => {
    const agent = await createAgent({ role: 'supervisor' })
    const job = await runningJob({ lockedBy: 'perdu:3:cccccc', silentForSeconds: 300 })
    const page = await client
      .get(`/agents/admin/jobs/${job.id}/liberer`)
      .withGuard('agent')
      .loginAs(agent)
    page.assertStatus(403)
    const release = await client
      .post(`/agents/admin/jobs/${job.id}/liberer`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    release.assertStatus(403)
    await job.refresh()
    assert.equal(job.status, 'running')
  })
})
