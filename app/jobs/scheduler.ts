import type { DateTime } from 'luxon'
import type Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { jobRegistry, type JobRegistry, type RegisteredSchedule } from '#jobs/registry'
import { clock } from '#core/clock'

/** The idempotency key of one run of a schedule: the same for every process that enqueues it. */
export function scheduleKey(job: string, due: DateTime) {
  return `schedule:${job}:${due.toUTC().toISO()}`
}

export interface SchedulerOptions {
  /** where the schedules come from (default: the enabled modules' manifests, read again at each tick) */
  jobs?: () => JobRegistry
}

/**
 * Runs the `schedules` the enabled modules declare: at each tick, every
 * schedule whose due time has come is enqueued, with the idempotency key
 * `schedule:<job>:<due time>`. Every worker process ticks its own scheduler;
 * the key makes the database keep one job per due time (INSERT … ON CONFLICT
 * DO NOTHING on the unique key, on SQLite and on PostgreSQL alike), so a run
 * happens once whatever the number of workers, machines or restarts. A
 * disabled brick's schedules are not in the registry, so they are not run.
 *
 * On the first tick (a process starting), each schedule enqueues its latest
 * due time, not the backlog before it: a server that was down at 03:00 purges
 * the drafts when it comes back, once, and a restart does nothing more since
 * that run's key already exists. Scheduled jobs handle everything pending
 * when they run (drafts older than 30 days, invoices late by 15 days…), so
 * one late run does the work of the missed ones.
 *
 * A tick costs nothing while no due time has passed: each scheduler
 * remembers the last due time it enqueued and writes only when a new one
 * comes.
 */
export class Scheduler {
  /** last due time enqueued (epoch ms), by schedule */
  #done = new Map<string, number>()

  constructor(protected options: SchedulerOptions = {}) {}

  /** Enqueues the schedules due at `now` that this scheduler has not enqueued yet; returns those jobs. */
  async tick(now: DateTime = clock.now()): Promise<Job[]> {
    const registry = (this.options.jobs ?? jobRegistry)()
    const enqueued: Job[] = []
    for (const schedule of registry.schedules()) {
      const id = `${schedule.module}:${schedule.job}:${schedule.every}`
      const due = schedule.cadence.lastDue(now)
      if (this.#done.get(id) === due.toMillis()) continue
      enqueued.push(await this.#enqueue(schedule, due, registry))
      this.#done.set(id, due.toMillis())
    }
    return enqueued
  }

  /** When each schedule runs next after `now` (the admin's jobs page, tests). */
  upcoming(now: DateTime = clock.now()) {
    const registry = (this.options.jobs ?? jobRegistry)()
    return registry.schedules().map((schedule) => ({
      job: schedule.job,
      every: schedule.every,
      module: schedule.module,
      next: schedule.cadence.nextDue(now),
    }))
  }

  #enqueue(schedule: RegisteredSchedule, due: DateTime, registry: JobRegistry) {
    return enqueue(
      schedule.job,
      {},
      { runAt: due, idempotencyKey: scheduleKey(schedule.job, due), jobs: registry }
    )
  }
}
