import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { Worker } from '#jobs/worker'
import { Scheduler, scheduleKey } from '#jobs/scheduler'
import { JobRegistry, defineJob, jobRegistry } from '#jobs/registry'
import { defineBrick, defineModule, type ModuleDefinition } from '#core/modules/define_module'
import { ModuleRegistry, type LoadedModule } from '#core/modules/registry'
import modulesConfig from '#config/modules'
import bricksConfig from '#config/bricks'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/** How many times each test job ran. */
const runs: string[] = []

const rounds = defineJob<Record<string, never>>({
  queue: 'batch',
  async handle(_payload, { idempotencyKey }) {
    runs.push(idempotencyKey)
  },
})

/** A brick that is not installed anywhere: tests hand it to the registry enabled or not. */
const patrols = defineBrick({
  name: 'patrols',
  prefix: '/rondes-de-nuit',
  label: 'patrols.label',
  jobs: { patrols_night_rounds: async () => ({ default: rounds }) },
  schedules: [{ job: 'patrols_night_rounds', every: 'daily 03:30' }],
})

function loaded(definition: ModuleDefinition, brick = true): LoadedModule {
  return {
    definition,
    root: `bricks/${definition.name}`,
    prefix: brick ? '/rondes-de-nuit' : '',
    brick,
  }
}

function registryWith(enabled: ModuleDefinition[], disabled: ModuleDefinition[] = []) {
  return JobRegistry.fromModules(
    enabled.map((definition) => loaded(definition)),
    disabled.map((definition) => loaded(definition))
  )
}

const enabledPatrols = () => registryWith([patrols])

test.group('Scheduler', (group) => {
  group.each.setup(() => {
    runs.splice(0)
  })

  test('two schedulers ticking at the same moment enqueue a due run once', async ({ assert }) => {
    clock.travelTo('2026-12-02T10:00')
    const registry = enabledPatrols()
    const [first, second] = await Promise.all([
      new Scheduler({ jobs: () => registry }).tick(),
      new Scheduler({ jobs: () => registry }).tick(),
    ])
    const key = 'schedule:patrols_night_rounds:2026-12-02T02:30:00.000Z'
    assert.deepEqual(
      [first.map((job) => job.idempotencyKey), second.map((job) => job.idempotencyKey)],
      [[key], [key]]
    )
    assert.equal(first[0].id, second[0].id)
    assert.lengthOf(await Job.query().where('name', 'patrols_night_rounds'), 1)
    assert.equal(first[0].queue, 'batch')
    await new Worker({ jobs: () => registry }).drain()
    assert.deepEqual(runs, [key])
  })

  test('nothing is enqueued before the due time; the next run is enqueued once it has come', async ({
    assert,
  }) => {
    clock.travelTo('2026-12-02T03:29', { freeze: true })
    const registry = enabledPatrols()
    const scheduler = new Scheduler({ jobs: () => registry })
    // Starting, it enqueues the latest due run (last night's), not the ones before it.
    assert.deepEqual(
      (await scheduler.tick()).map((job) => job.idempotencyKey),
      ['schedule:patrols_night_rounds:2026-12-01T02:30:00.000Z']
    )
    clock.travelTo('2026-12-02T03:29:59', { freeze: true })
    assert.deepEqual(await scheduler.tick(), [])
    clock.travelTo('2026-12-02T03:30', { freeze: true })
    const due = await scheduler.tick()
    assert.deepEqual(
      due.map((job) => [job.idempotencyKey, job.runAt.toUTC().toISO()]),
      [['schedule:patrols_night_rounds:2026-12-02T02:30:00.000Z', '2026-12-02T02:30:00.000Z']]
    )
    clock.travelTo('2026-12-02T16:00', { freeze: true })
    assert.deepEqual(await scheduler.tick(), [])
    await new Worker({ jobs: () => registry }).drain()
    assert.lengthOf(runs, 2)

    // Another process starting later the same day finds tonight's run already there and runs nothing again.
    assert.deepEqual(
      (await new Scheduler({ jobs: () => registry }).tick()).map((job) => job.status),
      ['succeeded']
    )
    await new Worker({ jobs: () => registry }).drain()
    assert.lengthOf(runs, 2)
  })

  test('a scheduler starting after days down enqueues the latest missed run only, not the backlog', async ({
    assert,
  }) => {
    clock.travelTo('2026-12-12T10:00', { freeze: true })
    const registry = enabledPatrols()
    await new Scheduler({ jobs: () => registry }).tick()
    const jobs = await Job.query().where('name', 'patrols_night_rounds')
    assert.deepEqual(
      jobs.map((job) => job.idempotencyKey),
      [
        scheduleKey(
          'patrols_night_rounds',
          clock.local().set({ hour: 3, minute: 30 }).startOf('minute')
        ),
      ]
    )
  })

  test('a started worker ticks its scheduler and runs what falls due', async ({ assert }) => {
    clock.travelTo('2026-12-02T03:29:59.800')
    const registry = enabledPatrols()
    const worker = new Worker({
      jobs: () => registry,
      scheduler: new Scheduler({ jobs: () => registry }),
      pollIntervalMs: 20,
    })
    await worker.start()
    try {
      for (let tries = 0; tries < 200 && runs.length < 2; tries++)
        await new Promise((resolve) => setTimeout(resolve, 10))
    } finally {
      await worker.stop()
    }
    assert.deepEqual(runs, [
      'schedule:patrols_night_rounds:2026-12-01T02:30:00.000Z',
      'schedule:patrols_night_rounds:2026-12-02T02:30:00.000Z',
    ])
  })

  test('a disabled brick’s jobs and schedules are absent: nothing scheduled, enqueuing refused', async ({
    assert,
  }) => {
    clock.travelTo('2026-12-02T10:00')
    const registry = registryWith([], [patrols])
    assert.isFalse(registry.has('patrols_night_rounds'))
    assert.deepEqual(registry.schedules(), [])
    assert.deepEqual(await new Scheduler({ jobs: () => registry }).tick(), [])
    assert.lengthOf(await Job.all(), 0)
    await assert.rejects(
      () => enqueue('patrols_night_rounds', {}, { jobs: registry }),
      /Unknown job "patrols_night_rounds": its module "patrols" is disabled/
    )
  })

  test('the installed bricks’ jobs follow PARVIS_BRICKS; the core modules’ are always there', async ({
    assert,
  }) => {
    const modules = new ModuleRegistry(app)
    await modules.load(modulesConfig.core, bricksConfig.installed)
    const build = (setting: string) => {
      modules.enableFromSetting(setting)
      return JobRegistry.fromModules(
        modules.enabledModules(),
        modules.modules().filter((module) => !modules.isEnabled(module.definition.name))
      )
    }
    const none = build('none')
    assert.includeMembers(none.names(), [
      'send_mail',
      'purge_drafts',
      'apply_retention',
      'invoice_reminders',
      'payments_check',
      'appointment_mail',
    ])
    // Each installed brick's jobs: absent when none is enabled, yet known as its; present when it alone is.
    const bricks = modules.bricks().map(({ definition }) => ({
      name: definition.name,
      jobs: Object.keys(definition.jobs ?? {}),
    }))
    assert.isTrue(
      bricks.some(({ jobs }) => jobs.length > 0),
      'an installed brick declares jobs'
    )
    for (const brick of bricks) {
      for (const job of brick.jobs) {
        assert.notInclude(none.names(), job)
        assert.equal(none.moduleOf(job), brick.name)
      }
      const alone = build(brick.name)
      assert.includeMembers(alone.names(), brick.jobs)
      for (const other of bricks.filter(({ name }) => name !== brick.name))
        for (const job of other.jobs) assert.notInclude(alone.names(), job, `${brick.name} alone`)
    }
  })

  test('the core modules schedule the recurring jobs that used to plan their own next run', ({
    assert,
  }) => {
    assert.includeDeepMembers(
      jobRegistry()
        .schedules()
        .map(({ job, every, module }) => ({ job, every, module })),
      [
        { job: 'purge_drafts', every: 'daily 03:00', module: 'demands' },
        { job: 'apply_retention', every: 'daily 03:30', module: 'demands' },
        { job: 'invoice_reminders', every: 'daily 08:00', module: 'payments' },
        { job: 'payments_check', every: 'every 5 minutes', module: 'payments' },
      ]
    )
  })

  test('a job type with no handler fails with a message that says why, and is retried', async ({
    assert,
  }) => {
    // Enqueued while the brick was enabled, run by a worker of a process where it is disabled.
    await enqueue(
      'patrols_night_rounds',
      {},
      { jobs: enabledPatrols(), idempotencyKey: 'orphaned' }
    )
    await db.table('jobs').insert({
      queue: 'default',
      name: 'renamed_long_ago',
      payload: '{}',
      idempotency_key: 'renamed',
      status: 'pending',
      attempts: 0,
      max_attempts: 8,
      run_at: dbTimestamp(clock.now().minus({ minutes: 1 })),
      created_at: dbTimestamp(clock.now()),
      updated_at: dbTimestamp(clock.now()),
    })
    const disabled = registryWith([], [patrols])
    assert.equal(await new Worker({ jobs: () => disabled }).drain(), 2)
    const orphaned = await Job.findByOrFail('idempotencyKey', 'orphaned')
    assert.equal(orphaned.status, 'pending')
    assert.equal(orphaned.attempts, 1)
    assert.include(
      orphaned.lastError!,
      'No handler for job "patrols_night_rounds": its module "patrols" is disabled (PARVIS_BRICKS)'
    )
    const renamed = await Job.findByOrFail('idempotencyKey', 'renamed')
    assert.include(
      renamed.lastError!,
      'No handler for job "renamed_long_ago": no enabled module declares it'
    )
    assert.deepEqual(runs, [])
    await assert.rejects(() => enqueue('renamed_long_ago', {}), /Unknown job "renamed_long_ago"/)
  })

  test('a manifest is checked when the registry is built: unknown scheduled job, bad cadence, a name declared twice', ({
    assert,
  }) => {
    const schedulesGhost = defineModule({
      name: 'demands',
      schedules: [{ job: 'ghost', every: 'daily 03:00' }],
    })
    assert.throws(
      () => registryWith([schedulesGhost]),
      /schedules the job "ghost", which no enabled module declares/
    )
    const typo = defineBrick({
      ...patrols,
      schedules: [{ job: 'patrols_night_rounds', every: 'daily 3h30' }],
    })
    assert.throws(() => registryWith([typo]), /is not a time of day/)
    const twice = defineModule({
      name: 'demands',
      jobs: { patrols_night_rounds: async () => rounds },
    })
    assert.throws(
      () => registryWith([patrols, twice]),
      /Modules "patrols" and "demands" both declare a job named "patrols_night_rounds"/
    )
  })
})
