import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import type { RetentionDeclaration } from '#core/modules/retention'

/**
 * A job's payload carries what its handler needs (a mail's recipient and
 * body, a demand's answers for a connector): once the job is finished
 * (succeeded, or dead and left so), the row goes after a short time. Jobs
 * waiting or running are never touched.
 */
export const jobsRetention: RetentionDeclaration[] = [
  {
    key: 'finished_jobs',
    label: 'jobs.retention.finished_jobs',
    start: 'jobs.retention.finished_jobs_start',
    unit: 'days',
    default: 30,
    max: 3650,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'jobs',
        expired: (query, trx) =>
          query
            .whereIn('status', ['succeeded', 'dead'])
            .where('finished_at', '<', dbTimestamp(limit, trx)),
      }),
  },
]
