import { Gauge } from 'prom-client'
import db from '@adonisjs/lucid/services/db'
import { metricsRegistry } from '#core/observability/metrics'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/**
 * Jobs by state and type, read from the jobs table at each scrape: waiting
 * (due now, not yet taken: the backlog), scheduled (planned for later, or
 * waiting for a retry), running and dead. Succeeded jobs are not counted.
 */
export const jobsGauge = new Gauge({
  name: 'parvis_jobs',
  help: 'Jobs in the outbox by state (waiting, scheduled, running, dead) and type',
  labelNames: ['state', 'name'] as const,
  registers: [metricsRegistry],
  async collect() {
    const now = dbTimestamp(clock.now())
    const rows = await db
      .from('jobs')
      .whereIn('status', ['pending', 'running', 'dead'])
      .select('name')
      .select(
        db.raw(
          `CASE WHEN status = 'pending' AND run_at <= ? THEN 'waiting'
                WHEN status = 'pending' THEN 'scheduled' ELSE status END AS state`,
          [now]
        )
      )
      .count('* as total')
      .groupBy('name', 'state')
    this.reset()
    for (const row of rows) this.set({ state: row.state, name: row.name }, Number(row.total))
  },
})
