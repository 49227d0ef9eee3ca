import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/*
 * What /metrics says, in Prometheus's text format. Each web process answers
 * for itself (its requests, its event loop, its memory); what all processes
 * share comes from the database (jobs by state and type, connector failures),
 * so any one of them gives the same figures there.
 */
export const metricsRegistry = new Registry()

// Standard names (process_cpu_seconds_total, nodejs_eventloop_lag_seconds…), as dashboards expect them.
collectDefaultMetrics({ register: metricsRegistry })

export const httpRequestDuration = new Histogram({
  name: 'parvis_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern (never the raw URL), method and status class',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
})

/*
 * Event-loop lag as an operator reads it: how late timers fire. The default
 * metrics give the same from a histogram since start; this one is the p99
 * of the last scrape interval, reset at each scrape.
 */
const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()
new Gauge({
  name: 'parvis_event_loop_lag_p99_seconds',
  help: 'p99 of the event-loop delay since the previous scrape',
  registers: [metricsRegistry],
  collect() {
    this.set(Number.isFinite(loopDelay.percentile(99)) ? loopDelay.percentile(99) / 1e9 : 0)
    loopDelay.reset()
  },
})

new Gauge({
  name: 'parvis_connector_failures_total',
  help: 'Failed calls to an outside service (smtp, ants, payfip…), counted by every process since install',
  labelNames: ['connector'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset()
    for (const row of await db.from('connector_failures').select('connector', 'failures'))
      this.set({ connector: row.connector }, Number(row.failures))
  },
})

const pendingWrites = new Set<Promise<unknown>>()

/**
 * Counts a failed call to an outside service. Never awaited by the caller
 * and never throws: a failing metrics write must not turn into a failing
 * booking, and the caller may hold the database's only SQLite connection
 * inside a transaction (this write then waits for it, without blocking it).
 */
export function recordConnectorFailure(connector: string) {
  const now = dbTimestamp(clock.now())
  const write = db
    .rawQuery(
      `INSERT INTO connector_failures (connector, failures, last_failed_at) VALUES (?, 1, ?)
       ON CONFLICT (connector) DO UPDATE
         SET failures = connector_failures.failures + 1, last_failed_at = excluded.last_failed_at`,
      [connector, now]
    )
    .catch((error) => logger.warn({ err: error, connector }, 'could not count a connector failure'))
    .finally(() => pendingWrites.delete(write))
  pendingWrites.add(write)
}

/** Resolves once the failures counted so far are written (tests, shutdown). */
export async function connectorFailuresWritten() {
  await Promise.all([...pendingWrites])
}

/** The whole exposition, with the content type Prometheus expects. */
export async function renderMetrics() {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() }
}
