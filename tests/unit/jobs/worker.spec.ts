import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Job from '#connectors/jobs/job'
import { enqueue } from '#connectors/jobs/enqueue'
import { defineJob } from '#connectors/jobs/registry'
import { Worker, backoffSeconds } from '#connectors/jobs/worker'
import { mailbox } from '#tests/support/smtp'

/** Side effects of the test jobs, by idempotency key. */
const effects = new Map<string, number>()
let failuresLeft = 0

defineJob<{ label: string }>({
  name: 'test_record',
  async handle(payload, context) {
    if (failuresLeft > 0) {
      failuresLeft--
      throw new Error(`transient failure before ${payload.label}`)
    }
    effects.set(context.idempotencyKey, (effects.get(context.idempotencyKey) ?? 0) + 1)
  },
})

defineJob({
  name: 'test_always_fails',
  maxAttempts: 3,
  async handle() {
    throw new Error('the receiver is down')
  },
})

test.group('Jobs outbox', (group) => {
  group.each.setup(() => {
    effects.clear()
    failuresLeft = 0
  })

  test('a job enqueued in a transaction that is rolled back never runs', async ({ assert }) => {
    const trx = await db.transaction()
    await enqueue('test_record', { label: 'annoncé' }, { client: trx, idempotencyKey: 'rolled-back' })
    await trx.rollback()
    assert.lengthOf(await Job.all(), 0)
    assert.equal(await new Worker().drain(), 0)
    assert.isFalse(effects.has('rolled-back'))
  })

  test('a job enqueued in a committed transaction runs once', async ({ assert }) => {
    await db.transaction(async (trx) => {
      await enqueue('test_record', { label: 'annoncé' }, { client: trx, idempotencyKey: 'committed' })
    })
    assert.equal(await new Worker().drain(), 1)
    assert.equal(effects.get('committed'), 1)
    const job = await Job.findByOrFail('idempotencyKey', 'committed')
    assert.equal(job.status, 'succeeded')
    assert.equal(await new Worker().drain(), 0)
  })

  test('the same idempotency key twice is one job', async ({ assert }) => {
    await enqueue('test_record', { label: 'a' }, { idempotencyKey: 'once' })
    await enqueue('test_record', { label: 'b' }, { idempotencyKey: 'once' })
    assert.lengthOf(await Job.all(), 1)
  })

  test('an unknown job name is refused at once', async ({ assert }) => {
    await assert.rejects(() => enqueue('no_such_job', {}), /Unknown job "no_such_job"/)
  })

  test('a job that fails twice then succeeds runs its effect once, after backing off', async ({ assert }) => {
    failuresLeft = 2
    await enqueue('test_record', { label: 'x' }, { idempotencyKey: 'flaky' })
    const worker = new Worker()

    assert.equal(await worker.runOnce(), 1)
    let job = await Job.findByOrFail('idempotencyKey', 'flaky')
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 1)
    assert.include(job.lastError!, 'transient failure')
    assert.isTrue(job.runAt > DateTime.now(), 'the retry is scheduled in the future')
    assert.equal(await worker.runOnce(), 0, 'nothing runs before the backoff')

    assert.equal(await worker.runOnce(DateTime.now().plus({ hours: 1 })), 1)
    assert.equal(await worker.runOnce(DateTime.now().plus({ hours: 7 })), 1)
    job = await Job.findByOrFail('idempotencyKey', 'flaky')
    assert.equal(job.status, 'succeeded')
    assert.equal(job.attempts, 3)
    assert.equal(effects.get('flaky'), 1)
  })

  test('a job that always fails is dead after its last attempt and keeps its error', async ({ assert }) => {
    await enqueue('test_always_fails', {}, { idempotencyKey: 'doomed' })
    const worker = new Worker()
    for (let hours = 0; hours < 5; hours++) await worker.runOnce(DateTime.now().plus({ hours: hours * 7 }))
    const job = await Job.findByOrFail('idempotencyKey', 'doomed')
    assert.equal(job.status, 'dead')
    assert.equal(job.attempts, 3)
    assert.include(job.lastError!, 'the receiver is down')
  })

  test('backoff grows exponentially and stays under six hours', ({ assert }) => {
    const middle = () => 0.5
    assert.equal(backoffSeconds(1, middle), 20)
    assert.equal(backoffSeconds(2, middle), 40)
    assert.equal(backoffSeconds(5, middle), 320)
    assert.equal(backoffSeconds(30, middle), 6 * 3600)
  })

  test('a job left running by a dead worker is taken up again', async ({ assert }) => {
    await enqueue('test_record', { label: 'x' }, { idempotencyKey: 'orphan' })
    await db.from('jobs').update({ status: 'running', attempts: 1, locked_by: 'dead-worker', locked_at: DateTime.now().minus({ hours: 1 }).toFormat(db.connection().dialect.dateTimeFormat) })
    assert.equal(await new Worker().runOnce(), 1)
    assert.equal(effects.get('orphan'), 1)
  })

  test('workers claiming side by side never run a job twice', async ({ assert }) => {
    for (let index = 0; index < 120; index++) await enqueue('test_record', { label: `n${index}` }, { idempotencyKey: `parallel-${index}` })
    const workers = [new Worker({ batchSize: 7 }), new Worker({ batchSize: 7 }), new Worker({ batchSize: 7 }), new Worker({ batchSize: 7 })]
    await Promise.all(workers.map((worker) => worker.drain()))
    assert.equal(effects.size, 120)
    assert.deepEqual([...new Set(effects.values())], [1])
    const pending = await db.from('jobs').whereNot('status', 'succeeded').count('* as total')
    assert.equal(Number(pending[0].total), 0)
  })

  test('the send_mail job delivers through SMTP with its idempotency key', async ({ assert }) => {
    await enqueue('send_mail', { to: 'lea@example.org', subject: 'Votre demande', html: '<p>Reçue</p>', text: 'Reçue' }, { idempotencyKey: 'mail-1' })
    await new Worker().drain()
    const mail = await mailbox.waitFor('lea@example.org', /Votre demande/)
    assert.equal(mail.headers.get('x-parvis-idempotency-key'), 'mail-1')
    assert.equal((await Job.findByOrFail('idempotencyKey', 'mail-1')).status, 'succeeded')
  })
})
