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
}

/**
 * Marks up to `limit` due jobs as running for this worker and returns them,
 * in one statement. On PostgreSQL, FOR UPDATE SKIP LOCKED lets any number of
 * workers on any number of machines claim side by side without ever taking
 * the same job; on SQLite, writes are serialized by the database lock (one
 * UPDATE … RETURNING, SQLite ≥ 3.35), which gives the same guarantee.
 */
export async function claimDueJobs(client: QueryClientContract, workerId: string, now: DateTime, limit: number): Promise<ClaimedRow[]> {
  const timestamp = dbTimestamp(now, client)
  const postgres = engineOf(client) === 'postgres'
  const result = await client.rawQuery(
    `UPDATE jobs
        SET status = 'running', locked_at = ?, locked_by = ?, attempts = attempts + 1, updated_at = ?
      WHERE id IN (
        SELECT id FROM jobs
         WHERE status = 'pending' AND run_at <= ?
         ORDER BY run_at, id
         LIMIT ? ${postgres ? 'FOR UPDATE SKIP LOCKED' : ''}
      )
      RETURNING id, name, payload, idempotency_key, attempts, max_attempts`,
    [timestamp, workerId, timestamp, timestamp, limit]
  )
  const rows: ClaimedRow[] = postgres ? result.rows : result
  // RETURNING gives no order; run the oldest first.
  return rows.map((row) => ({ ...row, id: Number(row.id) })).sort((a, b) => a.id - b.id)
}

/** Puts back jobs whose worker died while running them. */
export async function releaseStaleJobs(client: QueryClientContract, lockedBefore: DateTime, now: DateTime) {
  await client
    .from('jobs')
    .where('status', 'running')
    .where('locked_at', '<', dbTimestamp(lockedBefore, client))
    .update({ status: 'pending', locked_at: null, locked_by: null, updated_at: dbTimestamp(now, client) })
}

/**
 * Gives back jobs this worker claimed but did not start (it is stopping):
 * pending again, and the attempt it did not make is not counted.
 */
export async function releaseClaimedJobs(client: QueryClientContract, workerId: string, ids: number[], now: DateTime) {
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
      updated_at: dbTimestamp(now, client),
    })
}
