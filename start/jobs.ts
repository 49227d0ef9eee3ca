/*
 * On the embedded install (SQLite, one process), the web server runs the jobs
 * worker itself. With PostgreSQL, run `node ace jobs:work` processes instead
 * (or set JOBS_IN_PROCESS=true to keep one in each web process).
 */
import app from '@adonisjs/core/services/app'
import env from '#start/env'

const inProcess = env.get('JOBS_IN_PROCESS', env.get('DB_CONNECTION', 'sqlite') === 'sqlite')

if (app.getEnvironment() === 'web' && inProcess) {
  const { Worker } = await import('#connectors/jobs/worker')
  const worker = new Worker({ pollIntervalMs: 1000 })
  app.ready(async () => {
    const { schedulePurge } = await import('#demands/jobs/purge_drafts')
    const { DateTime } = await import('luxon')
    await schedulePurge(DateTime.now())
    const { scheduleRetention } = await import('#demands/jobs/apply_retention')
    await scheduleRetention(DateTime.now())
    const { scheduleInvoiceReminders, schedulePaymentsCheck } = await import('#payments/jobs/payment_jobs')
    await scheduleInvoiceReminders(DateTime.now())
    await schedulePaymentsCheck(DateTime.now().plus({ minutes: 5 }))
    worker.start()
  })
  app.terminating(() => worker.stop())
}
