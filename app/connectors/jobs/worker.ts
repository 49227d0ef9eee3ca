import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { claimDueJobs, releaseStaleJobs, type ClaimedRow } from '#connectors/jobs/claim'
import { jobDefinition } from '#connectors/jobs/registry'
import { dbTimestamp } from '#core/database/dialect'
import '#connectors/jobs/handlers/index'

const STALE_AFTER_MINUTES = 15
const MAX_BACKOFF_SECONDS = 6 * 3600

/** Seconds to wait before attempt n+1: 20 s, 40 s, 80 s … capped at 6 hours, with ±20 % jitter. */
export function backoffSeconds(attempts: number, random = Math.random) {
  const base = Math.min(10 * 2 ** attempts, MAX_BACKOFF_SECONDS)
  return Math.round(base * (0.8 + 0.4 * random()))
}

function describe(error: unknown) {
  if (error instanceof Error) return [error.message, ...(error.stack ?? '').split('\n').slice(1, 6)].join('\n').slice(0, 4000)
  return String(error).slice(0, 4000)
}

/**
 * Claims due jobs and runs them. `runOnce` does one batch; `start` polls
 * until `stop`, which lets the job at hand finish and claims no more.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  #timer: NodeJS.Timeout | null = null
  #running: Promise<number> | null = null
  #stopped = true

  constructor(protected options: { batchSize?: number; pollIntervalMs?: number } = {}) {}

  /** Runs the jobs due at `now`; returns how many were run. */
  async runOnce(now = DateTime.now()): Promise<number> {
    await releaseStaleJobs(db.connection(), now.minus({ minutes: STALE_AFTER_MINUTES }))
    const claimed = await claimDueJobs(db.connection(), this.id, now, this.options.batchSize ?? 10)
    for (const job of claimed) await this.#run(job)
    return claimed.length
  }

  /** Runs batches until nothing is due at `now`. */
  async drain(now = DateTime.now()) {
    let total = 0
    for (let count = await this.runOnce(now); count > 0; count = await this.runOnce(now)) total += count
    return total
  }

  start() {
    if (!this.#stopped) return
    this.#stopped = false
    const tick = async () => {
      if (this.#stopped) return
      try {
        this.#running = this.runOnce()
        const count = await this.#running
        this.#schedule(tick, count > 0 ? 0 : (this.options.pollIntervalMs ?? 1000))
      } catch (error) {
        logger.error({ err: error }, 'jobs worker: claiming failed')
        this.#schedule(tick, 5000)
      } finally {
        this.#running = null
      }
    }
    this.#schedule(tick, 0)
  }

  async stop() {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#running?.catch(() => {})
  }

  #schedule(tick: () => Promise<void>, delay: number) {
    if (this.#stopped) return
    this.#timer = setTimeout(() => void tick(), delay)
    this.#timer.unref?.()
  }

  async #run(job: ClaimedRow) {
    const definition = jobDefinition(job.name)
    try {
      if (!definition) throw new Error(`No handler for job "${job.name}"`)
      await definition.handle(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts, idempotencyKey: job.idempotency_key })
      await db.from('jobs').where('id', job.id).update({
        status: 'succeeded',
        finished_at: dbTimestamp(DateTime.now()),
        locked_at: null,
        locked_by: null,
        last_error: null,
        updated_at: dbTimestamp(DateTime.now()),
      })
    } catch (error) {
      const dead = job.attempts >= job.max_attempts
      logger.warn({ err: error, job: job.id, name: job.name, attempt: job.attempts }, dead ? 'job is dead' : 'job failed, will retry')
      await db.from('jobs').where('id', job.id).update({
        status: dead ? 'dead' : 'pending',
        run_at: dbTimestamp(DateTime.now().plus({ seconds: dead ? 0 : backoffSeconds(job.attempts) })),
        finished_at: dead ? dbTimestamp(DateTime.now()) : null,
        locked_at: null,
        locked_by: null,
        last_error: describe(error),
        updated_at: dbTimestamp(DateTime.now()),
      })
    }
  }
}
