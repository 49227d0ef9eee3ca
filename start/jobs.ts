/*
 * On the embedded install (SQLite, one process), the web server runs the jobs
 * worker itself, with the scheduler that enqueues the modules' recurring
 * jobs. With PostgreSQL, run `node ace jobs:work` processes instead (or set
 * JOBS_IN_PROCESS=true to keep one in each web process).
 */
import app from '@adonisjs/core/services/app'
import jobsConfig from '#config/jobs'

if (app.getEnvironment() === 'web' && jobsConfig.inProcess) {
  const { Worker } = await import('#jobs/worker')
  const { Scheduler } = await import('#jobs/scheduler')
  const worker = new Worker({ pollIntervalMs: 1000, scheduler: new Scheduler() })
  app.ready(() => worker.start())
  app.terminating(() => worker.stop())
}
