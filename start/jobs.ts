/*
 * On the embedded install (SQLite, one process), the web server runs the jobs
 * worker itself. With PostgreSQL, run `node ace jobs:work` processes instead
 * (or set JOBS_IN_PROCESS=true to keep one in each web process).
 */
import app from '@adonisjs/core/services/app'
import jobsConfig from '#config/jobs'
import { clock } from '#core/clock'

if (app.getEnvironment() === 'web' && jobsConfig.inProcess) {
  const { Worker } = await import('#connectors/jobs/worker')
  const worker = new Worker({ pollIntervalMs: 1000 })
  app.ready(async () => {
    const { scheduleMaintenance } = await import('#connectors/jobs/maintenance')
    await scheduleMaintenance(clock.now())
    worker.start()
  })
  app.terminating(() => worker.stop())
}
