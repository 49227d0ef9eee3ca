import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Job from '#connectors/jobs/job'
import { enqueue } from '#connectors/jobs/enqueue'
import { defineJob } from '#connectors/jobs/registry'
import { Worker } from '#connectors/jobs/worker'
import { createAgent } from '#tests/support/factories/accounts'

let receiverUp = false
let deliveries = 0

defineJob({
  name: 'test_webhook',
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
  await worker.runOnce(DateTime.now().plus({ hours: 7 }))
  return Job.findByOrFail('idempotencyKey', 'webhook-1')
}

test.group('Jobs in the back office', (group) => {
  group.each.setup(() => {
    receiverUp = false
    deliveries = 0
  })

  test('a dead job shows in /agents/admin/jobs with its last error and runs again on "retry"', async ({ client, assert }) => {
    const admin = await createAgent({ role: 'admin' })
    const job = await killJob()
    assert.equal(job.status, 'dead')

    const list = await client.get('/agents/admin/jobs?etat=dead').withGuard('agent').loginAs(admin)
    list.assertStatus(200)
    list.assertTextIncludes(`#${job.id}`)
    list.assertTextIncludes('test_webhook')
    list.assertTextIncludes('connect ECONNREFUSED')

    const detail = await client.get(`/agents/admin/jobs/${job.id}`).withGuard('agent').loginAs(admin)
    detail.assertTextIncludes('En échec définitif')
    detail.assertTextIncludes(`action="/agents/admin/jobs/${job.id}/relance"`)

    receiverUp = true
    const retry = await client.post(`/agents/admin/jobs/${job.id}/relance`).withGuard('agent').loginAs(admin).withCsrfToken().redirects(0)
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
    await client.post(`/agents/admin/jobs/${job.id}/relance`).withGuard('agent').loginAs(admin).redirects(0)
    await job.refresh()
    assert.equal(job.status, 'dead')
  })

  test('an agent who is not an admin gets 403 on the jobs pages and cannot retry', async ({ client, assert }) => {
    const agent = await createAgent({ role: 'supervisor' })
    const job = await killJob()
    for (const path of ['/agents/admin/jobs', `/agents/admin/jobs/${job.id}`]) {
      const response = await client.get(path).withGuard('agent').loginAs(agent)
      response.assertStatus(403)
    }
    const retry = await client.post(`/agents/admin/jobs/${job.id}/relance`).withGuard('agent').loginAs(agent).withCsrfToken()
    retry.assertStatus(403)
    await job.refresh()
    assert.equal(job.status, 'dead')
  })
})
