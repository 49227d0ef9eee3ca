import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { registerJob } from '#jobs/registry'
import { Worker, backoffSeconds } from '#jobs/worker'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

/** Side effects of the test jobs, by idempotency key. */
const effects = new Map<string, number>()
let failuresLeft = 0

registerJob<{ label: string }>('test_record', {
  async handle(payload, context) {
    if (failuresLeft > 0) {
      failuresLeft--
      throw new Error(`transient failure before ${payload.label}`)
    }
    effects.set(context.idempotencyKey, (effects.get(context.idempotencyKey) ?? 0) + 1)
  },
})

registerJob('test_always_fails', {
  maxAttempts: 3,
  async handle() {
    throw new Error('the receiver is down')
  },
})

registerJob('test_slow_backoff', {
  backoff: () => 3600,
  async handle() {
    throw new Error('come back in an hour')
  },
})

/** A job that waits until the test lets it finish. */
let release: () => void = () => {}
let started: () => void = () => {}
registerJob<{ label: string }>('test_blocking', {
  async handle(_payload, context) {
    started()
    await new Promise<void>((resolve) => (release = resolve))
    effects.set(context.idempotencyKey, (effects.get(context.idempotencyKey) ?? 0) + 1)
  },
})

/** Jobs in their own queues: one whose receiver hangs until released, one that records it ran. */
let unblockMail: () => void = () => {}
let mailStarted: () => void = () => {}
registerJob<{ label: string }>('test_hanging_mail', {
  queue: 'test_mail',
  async handle() {
    mailStarted()
    await new Promise<void>((resolve) => (unblockMail = resolve))
  },
})
registerJob<{ label: string }>('test_payment_check', {
  queue: 'test_payments',
  async handle(_payload, context) {
    effects.set(context.idempotencyKey, (effects.get(context.idempotencyKey) ?? 0) + 1)
  },
})

/** Jobs about one object, in the order they ran. */
const ran: string[] = []
let orderedFailuresLeft = 0
registerJob<{ label: string; object: string }>('test_ordered', {
  orderingKey: (payload) => payload.object,
  async handle(payload) {
    if (orderedFailuresLeft > 0) {
      orderedFailuresLeft--
      throw new Error(`${payload.label} failed`)
    }
    ran.push(payload.label)
  },
})

test.group('Jobs outbox', (group) => {
  group.each.setup(() => {
    effects.clear()
    failuresLeft = 0
    ran.splice(0)
    orderedFailuresLeft = 0
  })

  test('a job enqueued in a transaction that is rolled back never runs', async ({ assert }) => {
    const trx = await db.transaction()
    await enqueue('test_record', { label: 'annoncé' }, { trx, idempotencyKey: 'rolled-back' })
    await trx.rollback()
    assert.lengthOf(await Job.all(), 0)
    assert.equal(await new Worker().drain(), 0)
    assert.isFalse(effects.has('rolled-back'))
  })

  test('a job enqueued in a committed transaction runs once', async ({ assert }) => {
    await db.transaction(async (trx) => {
      await enqueue('test_record', { label: 'annoncé' }, { trx, idempotencyKey: 'committed' })
    })
    assert.equal(await new Worker().drain(), 1)
    assert.equal(effects.get('committed'), 1)
    const job = await Job.findByOrFail('idempotencyKey', 'committed')
    assert.equal(job.status, 'succeeded')
    assert.equal(await new Worker().drain(), 0)
  })

  test('the same idempotency key twice is one job, and the second call returns the first', async ({
    assert,
  }) => {
    const first = await enqueue('test_record', { label: 'a' }, { idempotencyKey: 'once' })
    const second = await db.transaction((trx) =>
      enqueue('test_record', { label: 'b' }, { trx, idempotencyKey: 'once' })
    )
    assert.lengthOf(await Job.all(), 1)
    assert.equal(second.id, first.id)
    assert.deepEqual(JSON.parse(second.payload), { label: 'a' })
    assert.equal(await new Worker().drain(), 1)
    assert.equal(effects.get('once'), 1)
  })

  test('a job without an idempotency key gets a random one', async ({ assert }) => {
    const job = await enqueue('test_record', { label: 'a' })
    assert.match(job.idempotencyKey, /^[0-9a-f-]{36}$/)
    assert.equal(job.status, 'pending')
    assert.equal(job.maxAttempts, 8)
  })

  test('the job enqueue hands back is the stored row, as reading it again gives it', async ({
    assert,
  }) => {
    const returned = await enqueue(
      'test_record',
      { label: 'déjà' },
      { runAt: clock.now().plus({ hours: 2 }), orderingKey: 'demand:7' }
    )
    const read = await Job.findOrFail(returned.id)
    assert.isTrue(returned.$isPersisted)
    assert.deepEqual(returned.serialize(), read.serialize())
    assert.isTrue(returned.runAt.equals(read.runAt))
    assert.equal(returned.orderingKey, 'demand:7')
  })

  test('a job scheduled for later does not run before its time', async ({ assert }) => {
    await enqueue(
      'test_record',
      { label: 'plus tard' },
      { idempotencyKey: 'later', runAt: clock.now().plus({ days: 1 }) }
    )
    assert.equal(await new Worker().drain(), 0)
    assert.equal(await new Worker().drain(clock.now().plus({ days: 1, minutes: 1 })), 1)
    assert.equal(effects.get('later'), 1)
  })

  test('an unknown job name is refused at once', async ({ assert }) => {
    await assert.rejects(() => enqueue('no_such_job', {}), /Unknown job "no_such_job"/)
  })

  test('a job that fails twice then succeeds runs its effect once, after backing off', async ({
    assert,
  }) => {
    failuresLeft = 2
    await enqueue('test_record', { label: 'x' }, { idempotencyKey: 'flaky' })
    const worker = new Worker()

    assert.equal(await worker.runOnce(), 1)
    let job = await Job.findByOrFail('idempotencyKey', 'flaky')
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 1)
    assert.include(job.lastError!, 'transient failure')
    assert.isTrue(job.runAt > clock.now(), 'the retry is scheduled in the future')
    assert.equal(await worker.runOnce(), 0, 'nothing runs before the backoff')

    assert.equal(await worker.runOnce(clock.now().plus({ hours: 1 })), 1)
    assert.equal(await worker.runOnce(clock.now().plus({ hours: 7 })), 1)
    job = await Job.findByOrFail('idempotencyKey', 'flaky')
    assert.equal(job.status, 'succeeded')
    assert.equal(job.attempts, 3)
    assert.equal(effects.get('flaky'), 1)
  })

  test('a job that always fails is dead after its last attempt and keeps its error', async ({
    assert,
  }) => {
    await enqueue('test_always_fails', {}, { idempotencyKey: 'doomed' })
    const worker = new Worker()
    for (let hours = 0; hours < 5; hours++)
      await worker.runOnce(clock.now().plus({ hours: hours * 7 }))
    const job = await Job.findByOrFail('idempotencyKey', 'doomed')
    assert.equal(job.status, 'dead')
    assert.equal(job.attempts, 3)
    assert.include(job.lastError!, 'the receiver is down')
  })

  test('a job may choose its own backoff', async ({ assert }) => {
    await enqueue('test_slow_backoff', {}, { idempotencyKey: 'slow' })
    const before = clock.now()
    await new Worker().runOnce()
    const job = await Job.findByOrFail('idempotencyKey', 'slow')
    assert.equal(job.status, 'pending')
    assert.isAtLeast(job.runAt.diff(before, 'minutes').minutes, 59)
  })

  test('draining at a later moment schedules retries after that moment instead of exhausting the job', async ({
    assert,
  }) => {
    await enqueue('test_always_fails', {}, { idempotencyKey: 'later-clock' })
    const later = clock.now().plus({ hours: 7 })
    assert.equal(await new Worker().drain(later), 1)
    const job = await Job.findByOrFail('idempotencyKey', 'later-clock')
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 1)
    assert.isTrue(job.runAt > later)
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
    await db.from('jobs').update({
      status: 'running',
      attempts: 1,
      locked_by: 'dead-worker',
      locked_at: clock.now().minus({ hours: 1 }).toFormat(db.connection().dialect.dateTimeFormat),
    })
    assert.equal(await new Worker().runOnce(), 1)
    assert.equal(effects.get('orphan'), 1)
  })

  test('a stopping worker finishes the job at hand, gives back the rest of its batch and claims no more', async ({
    assert,
  }) => {
    for (const label of ['a', 'b', 'c'])
      await enqueue('test_blocking', { label }, { idempotencyKey: `stop-${label}` })
    const worker = new Worker({ batchSize: 5, pollIntervalMs: 10 })
    const running = new Promise<void>((resolve) => (started = resolve))
    worker.start()
    await running
    const stopped = worker.stop()
    release()
    await stopped
    assert.isFalse(worker.isRunning)
    assert.deepEqual([...effects.keys()], ['stop-a'])
    const jobs = await Job.query().orderBy('id')
    assert.deepEqual(
      jobs.map((job) => [job.status, job.attempts, job.lockedBy]),
      [
        ['succeeded', 1, null],
        ['pending', 0, null],
        ['pending', 0, null],
      ]
    )
  })

  test('a started worker runs due jobs by itself until stopped', async ({ assert }) => {
    await enqueue('test_record', { label: 'x' }, { idempotencyKey: 'polled' })
    const worker = new Worker({ pollIntervalMs: 10, concurrency: 2 })
    worker.start()
    try {
      for (let tries = 0; tries < 200 && !effects.has('polled'); tries++)
        await new Promise((resolve) => setTimeout(resolve, 10))
    } finally {
      await worker.stop()
    }
    assert.equal(effects.get('polled'), 1)
    assert.equal((await Job.findByOrFail('idempotencyKey', 'polled')).status, 'succeeded')
  })

  test('workers claiming side by side never run a job twice', async ({ assert }) => {
    for (let index = 0; index < 200; index++)
      await enqueue('test_record', { label: `n${index}` }, { idempotencyKey: `parallel-${index}` })
    const workers = [
      new Worker({ batchSize: 7 }),
      new Worker({ batchSize: 7 }),
      new Worker({ batchSize: 7 }),
      new Worker({ batchSize: 7 }),
    ]
    await Promise.all(workers.map((worker) => worker.drain()))
    assert.equal(effects.size, 200)
    assert.deepEqual([...new Set(effects.values())], [1])
    const pending = await db.from('jobs').whereNot('status', 'succeeded').count('* as total')
    assert.equal(Number(pending[0].total), 0)
    // 200 jobs and four workers on a busy machine: more than the unit suite's 5 s.
  }).timeout(30_000)

  test('the send_mail job delivers through SMTP with its idempotency key', async ({ assert }) => {
    await enqueue(
      'send_mail',
      {
        to: 'lea@example.org',
        subject: 'Votre demande',
        html: '<p>Reçue</p>',
        text: 'Reçue',
        from: 'etat-civil@ville.example',
      },
      { idempotencyKey: 'mail-1' }
    )
    await new Worker().drain()
    const mail = await mailbox.waitFor('lea@example.org', /Votre demande/)
    assert.equal(mail.headers.get('x-parvis-idempotency-key'), 'mail-1')
    assert.equal(mail.from?.value[0].address, 'etat-civil@ville.example')
    assert.include(mail.text ?? '', 'Reçue')
    assert.equal((await Job.findByOrFail('idempotencyKey', 'mail-1')).status, 'succeeded')
  })

  test('jobs about one object run in the order they were enqueued, even when the later one is due first', async ({
    assert,
  }) => {
    const now = clock.now()
    await enqueue('test_ordered', { label: 'confirmation', object: 'rdv:1' }, { runAt: now })
    // Planned from a moment read earlier in the request: due a little before the confirmation.
    await enqueue(
      'test_ordered',
      { label: 'rappel', object: 'rdv:1' },
      { runAt: now.minus({ seconds: 1 }) }
    )
    await enqueue(
      'test_ordered',
      { label: 'autre objet', object: 'rdv:2' },
      { runAt: now.minus({ seconds: 2 }) }
    )
    await new Worker().drain()
    assert.sameMembers(ran, ['autre objet', 'confirmation', 'rappel'])
    assert.deepEqual(
      ran.filter((label) => label !== 'autre objet'),
      ['confirmation', 'rappel']
    )
  })

  test('a failed job holds the later jobs of its object until its retry succeeds', async ({
    assert,
  }) => {
    orderedFailuresLeft = 1
    await enqueue('test_ordered', { label: 'premier', object: 'demande:7' })
    await enqueue('test_ordered', { label: 'second', object: 'demande:7' })
    await new Worker().drain()
    assert.deepEqual(ran, [], 'the second waits for the first, which waits for its retry')
    await new Worker().drain(clock.now().plus({ hours: 1 }))
    assert.deepEqual(ran, ['premier', 'second'])
  })

  test('a job planned for later does not hold the jobs of its object enqueued after it; a dead one holds nothing', async ({
    assert,
  }) => {
    await enqueue(
      'test_ordered',
      { label: 'rappel dans deux jours', object: 'rdv:3' },
      { runAt: clock.now().plus({ days: 2 }) }
    )
    await enqueue('test_ordered', { label: 'déplacement', object: 'rdv:3' })
    await new Worker().drain()
    assert.deepEqual(ran, ['déplacement'])

    await enqueue('test_ordered', { label: 'mort', object: 'rdv:4' })
    await db.from('jobs').where('ordering_key', 'rdv:4').update({ status: 'dead' })
    await enqueue('test_ordered', { label: 'après le mort', object: 'rdv:4' })
    await new Worker().drain()
    assert.deepEqual(ran, ['déplacement', 'après le mort'])
  })

  test('each job type waits in the queue its definition names', async ({ assert }) => {
    const mail = await enqueue('send_mail', {
      to: 'a@example.org',
      subject: 's',
      html: '<p>h</p>',
      text: 't',
    })
    const record = await enqueue('test_record', { label: 'x' })
    const payment = await enqueue('test_payment_check', { label: 'x' })
    assert.deepEqual(
      [mail.queue, record.queue, payment.queue],
      ['mail', 'default', 'test_payments']
    )
  })

  test('a worker runs a loop per queue: a mail whose receiver hangs does not hold a payment check', async ({
    assert,
  }) => {
    await enqueue('test_hanging_mail', { label: 'bloqué' })
    await enqueue(
      'test_payment_check',
      { label: 'x' },
      { idempotencyKey: 'check-while-mail-hangs' }
    )
    const mailRunning = new Promise<void>((resolve) => (mailStarted = resolve))
    const worker = new Worker({ pollIntervalMs: 10 })
    worker.start()
    try {
      await mailRunning
      for (let tries = 0; tries < 300 && !effects.has('check-while-mail-hangs'); tries++)
        await new Promise((resolve) => setTimeout(resolve, 10))
      assert.equal(
        effects.get('check-while-mail-hangs'),
        1,
        'the payment check ran while the mail was stuck'
      )
      assert.equal((await Job.findByOrFail('name', 'test_hanging_mail')).status, 'running')
    } finally {
      unblockMail()
      await worker.stop()
    }
    assert.include(worker.queues, 'test_mail')
    assert.include(worker.queues, 'default')
  })

  test('a worker marks the jobs it holds alive while it runs them', async ({ assert }) => {
    await enqueue('test_blocking', { label: 'long' }, { idempotencyKey: 'heartbeat' })
    const worker = new Worker({
      pollIntervalMs: 10,
      heartbeatSeconds: 0.05,
      staleAfterSeconds: 3600,
    })
    const running = new Promise<void>((resolve) => (started = resolve))
    worker.start()
    try {
      await running
      const first = (await Job.findByOrFail('idempotencyKey', 'heartbeat')).heartbeatAt!
      // A minute later on the clock (SQLite keeps whole seconds), the next beats carry the new time.
      clock.travel({ minutes: 1 })
      await new Promise((resolve) => setTimeout(resolve, 300))
      const job = await Job.findByOrFail('idempotencyKey', 'heartbeat')
      assert.equal(job.lockedBy, worker.id)
      assert.isAtLeast(
        job.heartbeatAt!.diff(first, 'seconds').seconds,
        59,
        'the heartbeat moved on'
      )
    } finally {
      release()
      await worker.stop()
    }
    assert.isNull((await Job.findByOrFail('idempotencyKey', 'heartbeat')).heartbeatAt)
  })

  test('a running job silent past the stale limit is taken over; one whose worker still beats is left alone', async ({
    assert,
  }) => {
    await enqueue('test_record', { label: 'silent' }, { idempotencyKey: 'silent' })
    await enqueue('test_record', { label: 'alive' }, { idempotencyKey: 'alive' })
    const format = db.connection().dialect.dateTimeFormat
    await db
      .from('jobs')
      .where('idempotency_key', 'silent')
      .update({
        status: 'running',
        attempts: 1,
        locked_by: 'crashed',
        locked_at: clock.now().minus({ minutes: 3 }).toFormat(format),
        heartbeat_at: clock.now().minus({ seconds: 50 }).toFormat(format),
      })
    await db
      .from('jobs')
      .where('idempotency_key', 'alive')
      .update({
        status: 'running',
        attempts: 1,
        locked_by: 'busy',
        locked_at: clock.now().minus({ minutes: 30 }).toFormat(format),
        heartbeat_at: clock.now().minus({ seconds: 5 }).toFormat(format),
      })
    assert.equal(await new Worker({ staleAfterSeconds: 45 }).runOnce(), 1)
    assert.equal(effects.get('silent'), 1)
    assert.isFalse(effects.has('alive'))
    assert.equal((await Job.findByOrFail('idempotencyKey', 'alive')).lockedBy, 'busy')
  })
})
