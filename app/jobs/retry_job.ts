import db from '@adonisjs/lucid/services/db'
import type Job from '#jobs/job'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/**
 * An admin runs a dead (or waiting) job again, now, with a fresh set of
 * attempts. One conditional UPDATE: a job a worker has just claimed, or that
 * has succeeded meanwhile, is left alone. The last error stays for reference.
 */
export default class RetryJob {
  async handle(job: Job) {
    const now = clock.now()
    const changed = await db
      .from('jobs')
      .where('id', job.id)
      .whereIn('status', ['dead', 'pending'])
      .update({
        status: 'pending',
        attempts: 0,
        run_at: dbTimestamp(now),
        finished_at: null,
        locked_at: null,
        locked_by: null,
        heartbeat_at: null,
        updated_at: dbTimestamp(now),
      })
    return Number(Array.isArray(changed) ? changed[0] : changed) > 0
  }
}
