import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, engineOf } from '#core/database/dialect'

export interface ClaimedRow {
  id: number
  name: string
  payload: string
  idempotency_key: string
  attempts: number
  max_attempts: number
  request_id: string | null
}

/*
 * A job with an ordering key waits while an earlier job (smaller id) with the
 * same key is running, due, or failed and waiting for its retry. An earlier
 * job planned for later that has never run (a reminder two days ahead) does
 * not hold the ones enqueued after it; a dead one no longer holds anything.
 * Ids only grow, so the waits never form a cycle.
 */
const NOT_HELD_BY_AN_EARLIER_JOB = `(
  candidate.ordering_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM jobs earlier
     WHERE earlier.ordering_key = candidate.ordering_key
       AND earlier.id < candidate.id
       AND (earlier.status = 'running' OR (earlier.status = 'pending' AND (earlier.run_at <= ? OR earlier.attempts > 0)))
  )
)`

/**
 * Marks up to `limit` due jobs (of one queue, or of all) as running for this
 * worker and returns them, in one statement. On PostgreSQL, FOR UPDATE SKIP
 * LOCKED lets any number of workers on any number of machines claim side by
 * side without ever taking the same job; on SQLite, writes are serialized by
 * the database lock (one UPDATE … RETURNING, SQLite ≥ 3.35), which gives the
 * same guarantee.
 */
export async function claimDueJobs(
  client: QueryClientContract,
  workerId: string,
  now: DateTime,
  limit: number,
  queue?: string
): Promise<ClaimedRow[]> {
  const timestamp = dbTimestamp(now, client)
  const postgres = engineOf(client) === 'postgres'
  const result = await client.rawQuery(
    `UPDATE jobs
        SET status = 'running', locked_at = ?, heartbeat_at = ?, locked_by = ?, attempts = attempts + 1, updated_at = ?
      WHERE id IN (
        SELECT candidate.id FROM jobs candidate
         WHERE candidate.status = 'pending' AND candidate.run_at <= ?
           ${queue === undefined ? '' : 'AND candidate.queue = ?'}
           AND ${NOT_HELD_BY_AN_EARLIER_JOB}
         ORDER BY candidate.run_at, candidate.id
         LIMIT ? ${postgres ? 'FOR UPDATE SKIP LOCKED' : ''}
      )
      RETURNING id, name, payload, idempotency_key, attempts, max_attempts, request_id`,
    [
      timestamp,
      timestamp,
      workerId,
      timestamp,
      timestamp,
      ...(queue === undefined ? [] : [queue]),
      timestamp,
      limit,
    ]
  )
  const rows: ClaimedRow[] = postgres ? result.rows : result
  // RETURNING gives no order; run the oldest first.
  return rows.map((row) => ({ ...row, id: Number(row.id) })).sort((a, b) => a.id - b.id)
}

/** A worker's sign of life for every job it holds. */
export async function heartbeat(client: QueryClientContract, workerId: string, now: DateTime) {
  await client
    .from('jobs')
    .where('status', 'running')
    .where('locked_by', workerId)
    .update({ heartbeat_at: dbTimestamp(now, client) })
}

/**
 * Puts back jobs whose worker gave no sign of life since `silentSince`: it
 * died (kill -9, a lost machine) while holding them. They are pending again
 * at once; the attempt that was cut short counts.
 */
export async function releaseStaleJobs(
  client: QueryClientContract,
  silentSince: DateTime,
  now: DateTime
): Promise<number> {
  const limit = dbTimestamp(silentSince, client)
  const changed = await client
    .from('jobs')
    .where('status', 'running')
    .where((query) =>
      query
        .where('heartbeat_at', '<', limit)
        .orWhere((old) => old.whereNull('heartbeat_at').where('locked_at', '<', limit))
    )
    .update({
      status: 'pending',
      locked_at: null,
      locked_by: null,
      heartbeat_at: null,
      updated_at: dbTimestamp(now, client),
    })
  return Number(Array.isArray(changed) ? changed[0] : changed) || 0
}

/**
 * Gives back jobs this worker claimed but did not start (it is stopping):
 * pending again, and the attempt it did not make is not counted.
 */
export async function releaseClaimedJobs(
  client: QueryClientContract,
  workerId: string,
  ids: number[],
  now: DateTime
) {
  if (ids.length === 0) return
  await client
    .from('jobs')
    .whereIn('id', ids)
    .where('status', 'running')
    .where('locked_by', workerId)
    .update({
      status: 'pending',
      attempts: client.knexRawQuery('attempts - 1'),
      locked_at: null,
      locked_by: null,
      heartbeat_at: null,
      updated_at: dbTimestamp(now, client),
    })
}
