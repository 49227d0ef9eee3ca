/*
 * `npm run bench -- inbox` (PostgreSQL): the agents' inbox on 10,000 demands,
 * then on 1,000,000, with the same queries; prints the p95 of each query and
 * of all of them, at each size, and the ratio (goal: 1M / 10k ≤ 2).
 */
import { bootApp, percentile, timings } from './support/app.js'

const app = await bootApp({
  connection: 'pg',
  database: process.env.BENCH_DATABASE ?? 'parvis_bench',
})
const { benchAgent, insertDemands } = await import('./support/demands.js')
const { inboxPage, parseInboxFilters } = await import('#demands/queries/inbox')
const db = (await import('@adonisjs/lucid/services/db')).default

const agent = await benchAgent()
const RUNS = Number(process.env.BENCH_RUNS ?? 200)

async function measure(size: number) {
  const first = await inboxPage(agent, parseInboxFilters({}), null)
  const queries: Record<string, () => Promise<unknown>> = {
    'open, newest first': () => inboxPage(agent, parseInboxFilters({}), null),
    'open, page 2': () => inboxPage(agent, parseInboxFilters({}), first.nextCursor),
    'nearest deadline': () => inboxPage(agent, parseInboxFilters({ tri: 'deadline' }), null),
    'assigned to nobody': () =>
      inboxPage(agent, parseInboxFilters({ assignation: 'nobody' }), null),
    'overdue': () => inboxPage(agent, parseInboxFilters({ retard: '1' }), null),
    'by reference': () => inboxPage(agent, parseInboxFilters({ q: 'BEN-2026-0000008' }), null),
    'all states, page 1': () => inboxPage(agent, parseInboxFilters({ statut: 'all' }), null),
  }
  const all: number[] = []
  const lines: string[] = []
  for (const [label, run] of Object.entries(queries)) {
    const samples = await timings(run, RUNS)
    all.push(...samples)
    lines.push(
      `  ${label.padEnd(22)} p50 ${percentile(samples, 50).toFixed(2)} ms  p95 ${percentile(samples, 95).toFixed(2)} ms`
    )
  }
  all.sort((a, b) => a - b)
  // A search by name reads every demand of the service (LIKE '%…%'): shown apart, not part of the goal.
  const byName = await timings(
    () => inboxPage(agent, parseInboxFilters({ q: 'nom1234' }), null),
    20,
    2
  )
  lines.push(`  (name search, no index p95 ${percentile(byName, 95).toFixed(2)} ms)`)
  console.log(`${size.toLocaleString('en')} demands (${first.demands.length} on the first page):`)
  console.log(lines.join('\n'))
  console.log(`  all queries            p95 ${percentile(all, 95).toFixed(2)} ms`)
  return { p95: percentile(all, 95), byQuery: all }
}

console.log(`Inbox of an agent of one service out of eight, ${RUNS} runs per query, PostgreSQL.`)
let started = Date.now()
await insertDemands(1, 10_001)
console.log(`Loaded 10,000 demands in ${((Date.now() - started) / 1000).toFixed(1)} s`)
const small = await measure(10_000)
started = Date.now()
for (let from = 10_001; from < 1_000_001; from += 165_000)
  await insertDemands(from, Math.min(from + 165_000, 1_000_001))
console.log(`Loaded 990,000 more in ${((Date.now() - started) / 1000).toFixed(1)} s`)
const large = await measure(1_000_000)
console.log(
  `\nRatio of p95, 1,000,000 / 10,000 demands: ${(large.p95 / small.p95).toFixed(2)} (goal ≤ 2)`
)

await db.manager.closeAll()
await app.terminate()
