import { DateTime } from 'luxon'
import type Job from '#connectors/jobs/job'

/** An admin runs a dead (or waiting) job again, now, with a fresh set of attempts. */
export default class RetryJob {
  async handle(job: Job) {
    if (job.status === 'running' || job.status === 'succeeded') return false
    job.merge({ status: 'pending', attempts: 0, runAt: DateTime.now(), finishedAt: null, lockedAt: null, lockedBy: null })
    await job.save()
    return true
  }
}
