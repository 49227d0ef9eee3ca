import type { Assert } from '@japa/assert'
import type { ApiClient } from '@japa/api-client'
import type { WorkerProcess } from '#tests/support/worker_process'

/** What a sample gets from app/jobs/tests/functional/jobs_work.spec.ts. */
export interface JobSampleContext {
  assert: Assert
  client: ApiClient
  worker: WorkerProcess
  /** Waits until nothing is due or running, and fails on any job that failed. */
  settled(): Promise<void>
}

/**
 * A module's job types, run through a real `jobs:work` process by the core's
 * jobs_work suite: the default export of `<module>/tests/job_samples.ts`.
 */
export interface JobSamples {
  /** Starts what the module's jobs call (a simulator); `env` is given to the jobs:work process. */
  start?(): Promise<{ env?: Record<string, string>; stop(): Promise<void> }>
  /** Before each test of the suite. */
  reset?(): void
  /** One test each: the title says what happens; the run enqueues or causes the jobs and checks their effect. */
  tests: Record<string, (context: JobSampleContext) => Promise<void>>
}

export function defineJobSamples(samples: JobSamples) {
  return samples
}
