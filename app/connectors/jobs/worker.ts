import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { claimDueJobs, releaseClaimedJobs, releaseStaleJobs, type ClaimedRow } from '#connectors/jobs/claim'
import { jobDefinition } from '#connectors/jobs/registry'
import { dbTimestamp } from '#core/database/dialect'
import '#connectors/jobs/handlers/index'
import { clock } from '#core/clock'

const MAX_BACKOFF_SECONDS = 6 * 3600

/** Seconds to wait after failed attempt n: 20 s, 40 s, 80 s … capped at 6 hours, with ±20 % jitter. */
export function backoffSeconds(attempts: number, random = Math.random) {
  const base = Math.min(10 * 2 ** attempts, MAX_BACKOFF_SECONDS)
  return Math.round(base * (0.8 + 0.4 * random()))
}

function describe(error: unknown) {
  if (error instanceof Error) return [error.message, ...(error.stack ?? '').split('\n').slice(1, 6)].join('\n').slice(0, 4000)
  return String(error).slice(0, 4000)
}

export interface WorkerOptions {
  /** jobs claimed by one statement (default 10) */
  batchSize?: number
  /** wait when nothing was due (default 1000 ms) */
  pollIntervalMs?: number
  /** claim-and-run loops in parallel in this process (default 1) */
  concurrency?: number
  /** a job running for longer than this belongs to a crashed worker (default 15) */
  staleAfterMinutes?: number
  /** keep the process alive while polling (a `jobs:work` process; the web server does not need it) */
  keepAlive?: boolean
}

/**
 * Claims due jobs and runs them. Tests call `runOnce` / `drain` themselves;
 * `start` polls until `stop`, which lets the jobs at hand finish, gives back
 * the ones claimed but not started, and claims no more.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  #loops: Promise<void>[] = []
  #stopping = false
  #wakers = new Set<() => void>()

  constructor(protected options: WorkerOptions = {}) {}

  get isRunning() {
    return this.#loops.length > 0
  }

  /** Runs the jobs due at `now` (one batch); returns how many were claimed. */
  async runOnce(now: DateTime = clock.now()): Promise<number> {
    const client = db.connection()
    await releaseStaleJobs(client, now.minus({ minutes: this.options.staleAfterMinutes ?? 15 }), now)
    const claimed = await claimDueJobs(client, this.id, now, this.options.batchSize ?? 10)
    for (const [index, job] of claimed.entries()) {
      if (this.#stopping) {
        await releaseClaimedJobs(client, this.id, claimed.slice(index).map((row) => row.id), clock.now())
        break
      }
      await this.#run(job, now)
    }
    return claimed.length
  }

  /**
   * Runs batches until nothing is due. Without `now`, each batch reads the
   * clock again, so jobs that other jobs enqueue meanwhile (a notification
   * job queuing its mail) run too; with `now` (tests moving the clock), the
   * same moment holds for every batch.
   */
  async drain(now?: DateTime) {
    let total = 0
    for (let count = await this.runOnce(now ?? clock.now()); count > 0; count = await this.runOnce(now ?? clock.now())) total += count
    return total
  }

  start() {
    if (this.isRunning) return
    this.#stopping = false
    this.#loops = Array.from({ length: Math.max(1, this.options.concurrency ?? 1) }, () => this.#loop())
  }

  /** Finishes the jobs at hand and claims no more. */
  async stop() {
    this.#stopping = true
    for (const wake of this.#wakers) wake()
    await Promise.all(this.#loops)
    this.#loops = []
  }

  async #loop() {
    while (!this.#stopping) {
      try {
        const count = await this.runOnce()
        if (count === 0) await this.#sleep(this.options.pollIntervalMs ?? 1000)
      } catch (error) {
        logger.error({ err: error }, 'jobs worker: claiming failed')
        await this.#sleep(5000)
      }
    }
  }

  #sleep(ms: number) {
    return new Promise<void>((resolve) => {
      if (this.#stopping) return resolve()
      const wake = () => {
        clearTimeout(timer)
        this.#wakers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      if (!this.options.keepAlive) timer.unref()
      this.#wakers.add(wake)
    })
  }

  /** `batchMoment` is the moment the batch ran for: retries are scheduled after it, even when a test moves it ahead. */
  async #run(job: ClaimedRow, batchMoment: DateTime) {
    const definition = jobDefinition(job.name)
    // Only the worker that holds the job records its outcome: if it was
    // declared stale and taken by another worker meanwhile, this one yields.
    const mine = () => db.from('jobs').where('id', job.id).where('status', 'running').where('locked_by', this.id)
    try {
      if (!definition) throw new Error(`No handler for job "${job.name}"`)
      await definition.handle(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts, idempotencyKey: job.idempotency_key, now: DateTime.max(batchMoment, clock.now()) })
      const now = clock.now()
      await mine().update({
        status: 'succeeded',
        finished_at: dbTimestamp(now),
        locked_at: null,
        locked_by: null,
        last_error: null,
        updated_at: dbTimestamp(now),
      })
    } catch (error) {
      const dead = job.attempts >= job.max_attempts
      logger.warn({ err: error, job: job.id, name: job.name, attempt: job.attempts }, dead ? 'job is dead' : 'job failed, will retry')
      const now = clock.now()
      const delay = dead ? 0 : (definition?.backoff ?? backoffSeconds)(job.attempts)
      const base = DateTime.max(batchMoment, now)
      await mine().update({
        status: dead ? 'dead' : 'pending',
        run_at: dbTimestamp(base.plus({ seconds: delay })),
        finished_at: dead ? dbTimestamp(now) : null,
        locked_at: null,
        locked_by: null,
        last_error: describe(error),
        updated_at: dbTimestamp(now),
      })
    }
  }
}
