import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Job from '#jobs/job'
import { jobRegistry, queueOf, type JobRegistry } from '#jobs/registry'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { currentRequestId } from '#core/observability/request_id'

export interface EnqueueOptions {
  /** The caller's transaction: the job exists only if it commits. */
  trx?: TransactionClientContract
  /** Same as `trx`, for callers that hold a plain query client. */
  client?: TransactionClientContract | QueryClientContract
  /** Not before this moment (default: now). */
  runAt?: DateTime
  /** Given by callers that may enqueue the same thing twice; a random UUID otherwise. */
  idempotencyKey?: string
  /** Overrides the definition's ordering key (a mail carries the key of the object it is about). */
  orderingKey?: string | null
  /** where the job type is looked up (default: the enabled modules' jobs) */
  jobs?: JobRegistry
}

/**
 * Writes a job. Called inside the transaction of the change that causes it,
 * so nothing is announced that was not saved. The same idempotency key twice
 * is one job: the second call changes nothing and returns the first job.
 */
export async function enqueue(
  name: string,
  payload: unknown,
  options: EnqueueOptions = {}
): Promise<Job> {
  const registry = options.jobs ?? jobRegistry()
  const definition = await registry.definition(name)
  if (!definition) throw new Error(`Unknown job "${name}": ${registry.unknown(name)}`)
  const client = options.trx ?? options.client ?? db.connection()
  const now = clock.now()
  const idempotencyKey = options.idempotencyKey ?? randomUUID()
  const orderingKey =
    options.orderingKey !== undefined
      ? options.orderingKey
      : (definition.orderingKey?.(payload) ?? null)
  const inserted = await client
    .knexQuery()
    .table('jobs')
    .insert({
      queue: queueOf(definition),
      name,
      ordering_key: orderingKey,
      payload: JSON.stringify(payload ?? null),
      idempotency_key: idempotencyKey,
      status: 'pending',
      // the request (or the job) that caused it, for the worker's log lines
      request_id: currentRequestId(),
      attempts: 0,
      max_attempts: definition.maxAttempts ?? 8,
      run_at: dbTimestamp(options.runAt ?? now, client),
      created_at: dbTimestamp(now, client),
      updated_at: dbTimestamp(now, client),
    })
    // ON CONFLICT DO NOTHING on both engines: no error, so the caller's
    // PostgreSQL transaction is not aborted by a duplicate.
    .onConflict('idempotency_key')
    .ignore()
    // The new row as written, without a second query; nothing when the key was already there.
    .returning('*')
  const row = (inserted as Record<string, unknown>[])[0]
  if (row) return Job.$createFromAdapterResult(row, undefined, { client })!
  return Job.query({ client }).where('idempotency_key', idempotencyKey).firstOrFail()
}
