import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import {
  claimDueJobs,
  heartbeat,
  releaseClaimedJobs,
  releaseStaleJobs,
  type ClaimedRow,
} from '#jobs/claim'
import { jobRegistry, type JobDefinition, type JobRegistry } from '#jobs/registry'
import type { Scheduler } from '#jobs/scheduler'
import jobsConfig from '#config/jobs'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { withRequestId } from '#core/observability/request_id'

const MAX_BACKOFF_SECONDS = 6 * 3600

/** Seconds to wait after failed attempt n: 20 s, 40 s, 80 s … capped at 6 hours, with ±20 % jitter. */
export function backoffSeconds(attempts: number, random = Math.random) {
  const base = Math.min(10 * 2 ** attempts, MAX_BACKOFF_SECONDS)
  return Math.round(base * (0.8 + 0.4 * random()))
}

function describe(error: unknown) {
  if (error instanceof Error)
    return [error.message, ...(error.stack ?? '').split('\n').slice(1, 6)].join('\n').slice(0, 4000)
  return String(error).slice(0, 4000)
}

export interface WorkerOptions {
  /** jobs claimed by one statement (default 10) */
  batchSize?: number
  /** wait when nothing was due (default 1000 ms) */
  pollIntervalMs?: number
  /** claim-and-run loops in parallel for each queue (default 1) */
  concurrency?: number
  /** the queues this worker runs, a loop each (default: every queue a job type names) */
  queues?: string[]
  /** how often the jobs held are marked alive (default: JOBS_HEARTBEAT_SECONDS, 10) */
  heartbeatSeconds?: number
  /** a running job silent for this long belongs to a dead worker (default: JOBS_STALE_AFTER_SECONDS, 45) */
  staleAfterSeconds?: number
  /** keep the process alive while polling (a `jobs:work` process; the web server does not need it) */
  keepAlive?: boolean
  /** ticked every poll interval while started, so recurring jobs are enqueued (the web process's worker and `jobs:work`) */
  scheduler?: Scheduler
  /** where job types are looked up (default: the enabled modules' jobs) */
  jobs?: () => JobRegistry
}

/**
 * Claims due jobs and runs them. Tests call `runOnce` / `drain` themselves;
 * `start` polls until `stop`, one loop per queue, and `stop` lets the jobs at
 * hand finish, gives back the ones claimed but not started, and claims no
 * more. While it holds jobs, the worker marks them alive every few seconds;
 * a worker that dies (kill -9, a lost machine) stops doing so, and any other
 * worker takes its jobs over once they have been silent for
 * `staleAfterSeconds`.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  #loops: Promise<void>[] = []
  #stopping = false
  #wakers = new Set<() => void>()
  #batchesInHand = 0
  #heartbeatTimer: NodeJS.Timeout | null = null
  #lastStaleCheck = Number.NEGATIVE_INFINITY
  #starting: Promise<void> | null = null
  #queues: string[] | null = null

  constructor(protected options: WorkerOptions = {}) {}

  get isRunning() {
    return this.#loops.length > 0
  }

  get #jobs() {
    return (this.options.jobs ?? jobRegistry)()
  }

  get #heartbeatMs() {
    return (this.options.heartbeatSeconds ?? jobsConfig.heartbeatSeconds) * 1000
  }

  /** The queues `start` runs a loop for (every queue a job type names, known once started). */
  get queues(): string[] {
    return this.options.queues ?? this.#queues ?? []
  }

  /**
   * Runs the jobs due at `now` (one batch, of one queue or of all); returns
   * how many were claimed.
   */
  async runOnce(now: DateTime = clock.now(), queue?: string): Promise<number> {
    const client = db.connection()
    // Looking for dead workers' jobs once per heartbeat is enough, however many loops poll.
    if (performance.now() - this.#lastStaleCheck >= this.#heartbeatMs) {
      this.#lastStaleCheck = performance.now()
      const released = await releaseStaleJobs(
        client,
        now.minus({ seconds: this.options.staleAfterSeconds ?? jobsConfig.staleAfterSeconds }),
        now
      )
      if (released > 0)
        logger.warn({ released }, 'jobs worker: jobs of a silent worker are pending again')
    }
    const claimed = await claimDueJobs(client, this.id, now, this.options.batchSize ?? 10, queue)
    if (claimed.length === 0) return 0
    this.#holding(+1)
    try {
      for (const [index, job] of claimed.entries()) {
        if (this.#stopping) {
          await releaseClaimedJobs(
            client,
            this.id,
            claimed.slice(index).map((row) => row.id),
            clock.now()
          )
          break
        }
        await this.#run(job, now)
      }
    } finally {
      this.#holding(-1)
    }
    return claimed.length
  }

  /** Keeps the heartbeat going while at least one batch is in hand. */
  #holding(change: 1 | -1) {
    this.#batchesInHand += change
    if (this.#batchesInHand > 0 && !this.#heartbeatTimer) {
      this.#heartbeatTimer = setInterval(() => {
        heartbeat(db.connection(), this.id, clock.now()).catch((error) =>
          logger.error({ err: error }, 'jobs worker: heartbeat failed')
        )
      }, this.#heartbeatMs)
      this.#heartbeatTimer.unref()
    } else if (this.#batchesInHand === 0 && this.#heartbeatTimer) {
      clearInterval(this.#heartbeatTimer)
      this.#heartbeatTimer = null
    }
  }

  /**
   * Runs batches until nothing is due. Without `now`, each batch reads the
   * clock again, so jobs that other jobs enqueue meanwhile (a notification
   * job queuing its mail) run too; with `now` (tests moving the clock), the
   * same moment holds for every batch.
   */
  async drain(now?: DateTime) {
    let total = 0
    for (
      let count = await this.runOnce(now ?? clock.now());
      count > 0;
      count = await this.runOnce(now ?? clock.now())
    )
      total += count
    return total
  }

  /**
   * One loop per queue (times `concurrency`): a receiver that hangs holds its
   * own queue only; plus the scheduler's loop when there is one. Resolves
   * once the loops run (the job types are read first, to know their queues).
   */
  start() {
    if (this.isRunning || this.#starting) return this.#starting ?? Promise.resolve()
    this.#stopping = false
    this.#starting = (async () => {
      this.#queues = this.options.queues ?? [...(await this.#jobs.queues()).keys()]
      if (this.#stopping) return
      const perQueue = Math.max(1, this.options.concurrency ?? 1)
      this.#loops = this.queues.flatMap((queue) =>
        Array.from({ length: perQueue }, () => this.#loop(queue))
      )
      if (this.options.scheduler) this.#loops.push(this.#scheduleLoop(this.options.scheduler))
    })().finally(() => (this.#starting = null))
    return this.#starting
  }

  /** Finishes the jobs at hand and claims no more. */
  async stop() {
    this.#stopping = true
    await this.#starting?.catch(() => {})
    for (const wake of this.#wakers) wake()
    await Promise.all(this.#loops)
    this.#loops = []
  }

  async #loop(queue: string) {
    while (!this.#stopping) {
      try {
        const count = await this.runOnce(clock.now(), queue)
        if (count === 0) await this.#sleep(this.options.pollIntervalMs ?? 1000)
      } catch (error) {
        logger.error({ err: error }, 'jobs worker: claiming failed')
        await this.#sleep(5000)
      }
    }
  }

  /** Enqueues the recurring jobs as they fall due; the queue loops run them. */
  async #scheduleLoop(scheduler: Scheduler) {
    while (!this.#stopping) {
      try {
        const enqueued = await scheduler.tick(clock.now())
        // Wake the loops of the queues that just received work rather than waiting for their next poll.
        if (enqueued.length > 0) for (const wake of this.#wakers) wake()
      } catch (error) {
        logger.error({ err: error }, 'jobs scheduler: enqueuing a scheduled run failed')
      }
      await this.#sleep(this.options.pollIntervalMs ?? 1000)
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
  /** Runs a job as part of the request that caused it: its log lines, and the jobs it enqueues, carry that request's id. */
  #run(job: ClaimedRow, batchMoment: DateTime) {
    return withRequestId(job.request_id ?? null, () => this.#runJob(job, batchMoment))
  }

  async #runJob(job: ClaimedRow, batchMoment: DateTime) {
    const jobs = this.#jobs
    const started = performance.now()
    // Only the worker that holds the job records its outcome: if it was
    // declared stale and taken by another worker meanwhile, this one yields.
    const mine = () =>
      db.from('jobs').where('id', job.id).where('status', 'running').where('locked_by', this.id)
    let definition: JobDefinition | undefined
    try {
      definition = await jobs.definition(job.name)
      if (!definition)
        throw new Error(`No handler for job "${job.name}": ${jobs.unknown(job.name)}`)
      await definition.handle(JSON.parse(job.payload), {
        jobId: job.id,
        attempt: job.attempts,
        idempotencyKey: job.idempotency_key,
        now: DateTime.max(batchMoment, clock.now()),
      })
      const now = clock.now()
      await mine().update({
        status: 'succeeded',
        finished_at: dbTimestamp(now),
        locked_at: null,
        locked_by: null,
        heartbeat_at: null,
        last_error: null,
        updated_at: dbTimestamp(now),
      })
      logger.info(
        {
          job: job.id,
          name: job.name,
          attempt: job.attempts,
          ms: Math.round(performance.now() - started),
        },
        'job done'
      )
    } catch (error) {
      const dead = job.attempts >= job.max_attempts
      logger.warn(
        { err: error, job: job.id, name: job.name, attempt: job.attempts },
        dead ? 'job is dead' : 'job failed, will retry'
      )
      const now = clock.now()
      const delay = dead ? 0 : (definition?.backoff ?? backoffSeconds)(job.attempts)
      const base = DateTime.max(batchMoment, now)
      await mine().update({
        status: dead ? 'dead' : 'pending',
        run_at: dbTimestamp(base.plus({ seconds: delay })),
        finished_at: dead ? dbTimestamp(now) : null,
        locked_at: null,
        locked_by: null,
        heartbeat_at: null,
        last_error: describe(error),
        updated_at: dbTimestamp(now),
      })
    }
  }
}
