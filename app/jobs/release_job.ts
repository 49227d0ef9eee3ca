import db from '@adonisjs/lucid/services/db'
import type Job from '#jobs/job'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import jobsConfig from '#config/jobs'

/**
 * A running job whose worker has missed this many heartbeats is taken for
 * abandoned: an admin may give it to another worker without waiting for the
 * automatic takeover. A worker still beating keeps its job (releasing it
 * would run it twice).
 */
export const MISSED_HEARTBEATS = 2

export function workerSeemsGone(job: Pick<Job, 'status' | 'lastSignOfLife'>, now = clock.now()) {
  if (job.status !== 'running') return false
  const last = job.lastSignOfLife
  return !last || last < now.minus({ seconds: jobsConfig.heartbeatSeconds * MISSED_HEARTBEATS })
}

/**
 * An admin releases a running job whose worker is gone: pending again, due
 * now, for any worker. One conditional UPDATE on what the admin saw (the same
 * holder, still silent): a job that finished, or whose worker has just
 * signed, is left alone. The attempt cut short counts.
 */
export default class ReleaseJob {
  async handle(job: Job) {
    const now = clock.now()
    if (!workerSeemsGone(job, now)) return false
    const silentSince = dbTimestamp(
      now.minus({ seconds: jobsConfig.heartbeatSeconds * MISSED_HEARTBEATS })
    )
    const changed = await db
      .from('jobs')
      .where('id', job.id)
      .where('status', 'running')
      .where((query) =>
        job.lockedBy === null
          ? query.whereNull('locked_by')
          : query.where('locked_by', job.lockedBy)
      )
      .where((query) => query.whereNull('heartbeat_at').orWhere('heartbeat_at', '<', silentSince))
      .update({
        status: 'pending',
        run_at: dbTimestamp(now),
        locked_at: null,
        locked_by: null,
        heartbeat_at: null,
        updated_at: dbTimestamp(now),
      })
    return Number(Array.isArray(changed) ? changed[0] : changed) > 0
  }
}
