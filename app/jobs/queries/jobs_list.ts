import Job from '#jobs/job'
import modules from '#core/services/modules'

const PAGE_SIZE = 50
export const JOB_FILTERS = ['pending', 'retrying', 'dead', 'running', 'succeeded'] as const
export type JobFilter = (typeof JOB_FILTERS)[number]

/** The list the page asks for (?etat=); dead jobs, the ones needing a hand, otherwise. */
export function jobFilter(asked: unknown): JobFilter {
  return JOB_FILTERS.includes(asked as JobFilter) ? (asked as JobFilter) : 'dead'
}

/** Every job type the installed modules declare, by name (a disabled brick's jobs may still sit in the outbox). */
export function jobTypes() {
  return [...new Set(modules.collectKeyed('jobs', 'installed').map(({ name }) => name))].sort()
}

/** The type searched (?type=): one of the declared types, else every type (''). */
export function jobType(asked: unknown) {
  return typeof asked === 'string' && jobTypes().includes(asked) ? asked : ''
}

function filtered(filter: JobFilter, type: string) {
  const query = Job.query()
  if (filter === 'retrying') query.where('status', 'pending').where('attempts', '>', 0)
  else if (filter === 'pending') query.where('status', 'pending').where('attempts', 0)
  else query.where('status', filter)
  if (type) query.where('name', type)
  return query
}

/**
 * A page of the outbox, newest first, before the id `before` (keyset);
 * "retrying" is a pending job that failed at least once. Whether older jobs remain.
 */
export async function jobsPage(filter: JobFilter, before: number | null, type = '') {
  const query = filtered(filter, type)
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { jobs: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}

/** The export's jobs after `afterId`, oldest first (see keysetBatches), without their payloads. */
export function jobsAfter(filter: JobFilter, type: string, afterId: number, size: number) {
  return filtered(filter, type)
    .select('id', 'name', 'queue', 'status', 'attempts', 'maxAttempts', 'runAt', 'finishedAt')
    .select('lastError', 'createdAt')
    .where('id', '>', afterId)
    .orderBy('id', 'asc')
    .limit(size)
}
