import Job from '#jobs/job'

const PAGE_SIZE = 50
export const JOB_FILTERS = ['pending', 'retrying', 'dead', 'running', 'succeeded'] as const
export type JobFilter = (typeof JOB_FILTERS)[number]

/** The list the page asks for (?etat=); dead jobs, the ones needing a hand, otherwise. */
export function jobFilter(asked: unknown): JobFilter {
  return JOB_FILTERS.includes(asked as JobFilter) ? (asked as JobFilter) : 'dead'
}

/**
 * A page of the outbox, newest first, before the id `before` (keyset);
 * "retrying" is a pending job that failed at least once. Whether older jobs remain.
 */
export async function jobsPage(filter: JobFilter, before: number | null) {
  const query = Job.query()
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (filter === 'retrying') query.where('status', 'pending').where('attempts', '>', 0)
  else if (filter === 'pending') query.where('status', 'pending').where('attempts', 0)
  else query.where('status', filter)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { jobs: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}
