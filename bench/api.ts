/*
 * `npm run bench -- api` (PostgreSQL):
 * (a) /api/v1/demands for a client that sees one service out of eight, on
 *     10,000 demands then on 1,000,000, with the same calls; prints the p95 of
 *     each and of all, and the ratio (goal: 1M / 10k ≤ 2);
 * (b) webhook fan-out: 10,000 events to 3 endpoints (30,000 deliveries,
 *     written in the events' transactions), drained by one worker (one loop
 *     on the `webhooks` queue) to a receiver on loopback; prints deliveries
 *     per second (goal ≥ 200).
 * BENCH_PART=a or b runs one part; BENCH_EVENTS changes the number of events.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bootApp, percentile, timings } from './support/app.js'

const app = await bootApp({
  connection: 'pg',
  database: process.env.BENCH_DATABASE ?? 'parvis_bench_api',
})
const { benchAgent, insertDemands } = await import('./support/demands.js')
const db = (await import('@adonisjs/lucid/services/db')).default
const { default: ApiClient } = await import('#api/models/api_client')
const { default: demandRoutes } = await import('#api/resources/demands')
const { hashToken } = await import('#api/services/tokens')

const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const PART = process.env.BENCH_PART ?? 'ab'

await benchAgent()
const client = await ApiClient.create({
  name: 'Logiciel de l’accueil (banc)',
  scopes: ['demands:read'],
  services: ['accueil'],
  rateLimit: 1_000_000,
  tokenHash: hashToken('pvs_bench'),
  tokenPrefix: 'pvs_bench',
})

if (PART.includes('a')) {
  const list = demandRoutes.find((route) => route.operationId === 'listDemands')!
  const call = (query: Record<string, unknown>) =>
    list.handle({ http: null as any, client, params: {}, query, body: null }) as Promise<{
      body: { data: { id: number }[]; next_cursor: number | null }
    }>

  async function measure(size: number) {
    // A freshly loaded table writes hint bits on its first reads: settle it as autovacuum would.
    await db.rawQuery('VACUUM ANALYZE demands')
    const first = await call({})
    const middle = await call({ cursor: Math.floor(size / 2) })
    const calls: Record<string, () => Promise<unknown>> = {
      'newest first': () => call({}),
      'page 2 (cursor)': () => call({ cursor: first.body.next_cursor }),
      'page in the middle': () => call({ cursor: middle.body.next_cursor }),
      'state submitted': () => call({ state: 'submitted' }),
      'state closed, 100': () => call({ state: 'closed', limit: 100 }),
      'submitted last week': () =>
        call({ submitted_since: new Date(Date.now() - 7 * 86400_000).toISOString() }),
    }
    const all: number[] = []
    const lines: string[] = []
    for (const [label, run] of Object.entries(calls)) {
      const samples = await timings(run, RUNS)
      all.push(...samples)
      lines.push(
        `  ${label.padEnd(22)} p50 ${percentile(samples, 50).toFixed(2)} ms  p95 ${percentile(samples, 95).toFixed(2)} ms`
      )
    }
    all.sort((a, b) => a - b)
    console.log(
      `${size.toLocaleString('en')} demands (${first.body.data.length} on the first page):`
    )
    console.log(lines.join('\n'))
    console.log(`  all calls              p95 ${percentile(all, 95).toFixed(2)} ms`)
    return percentile(all, 95)
  }

  console.log(
    `(a) GET /api/v1/demands for a client of one service out of eight, ${RUNS} runs per call, PostgreSQL.`
  )
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
    `\nRatio of p95, 1,000,000 / 10,000 demands: ${(large / small).toFixed(2)} (goal ≤ 2)\n`
  )
}

if (PART.includes('b')) {
  const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000)
  const ENDPOINTS = 3
  const { publishEvent } = await import('#jobs/events')
  const { Worker } = await import('#jobs/worker')
  const { default: WebhookEndpoint } = await import('#api/webhooks/models/webhook_endpoint')
  const { newSecret } = await import('#api/webhooks/signing')

  let received = 0
  const receiver = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      received++
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
  for (let index = 0; index < ENDPOINTS; index++)
    await WebhookEndpoint.create({
      apiClientId: client.id,
      url: `${url}/${index}`,
      events: ['demand.message_posted'],
      secret: WebhookEndpoint.seal(newSecret()),
      enabled: true,
    })

  console.log(
    `(b) ${EVENTS.toLocaleString('en')} events to ${ENDPOINTS} endpoints, one worker, PostgreSQL.`
  )
  let started = performance.now()
  for (let from = 0; from < EVENTS; from += 100) {
    await db.transaction(async (trx) => {
      for (let index = from; index < Math.min(from + 100, EVENTS); index++)
        await publishEvent(
          {
            type: 'demand.message_posted',
            service: 'accueil',
            data: { demand_id: index + 1, event_id: index + 1, actor: 'agent' },
          },
          trx
        )
    })
  }
  const written = (performance.now() - started) / 1000
  console.log(
    `  written ${(EVENTS * ENDPOINTS).toLocaleString('en')} deliveries and their jobs in ${written.toFixed(1)} s (${((EVENTS * ENDPOINTS) / written).toFixed(0)} /s, in the events' transactions)`
  )
  await db.rawQuery('ANALYZE jobs')
  await db.rawQuery('ANALYZE webhook_deliveries')

  const worker = new Worker({ queues: ['webhooks'], pollIntervalMs: 20 })
  started = performance.now()
  await worker.start()
  const total = EVENTS * ENDPOINTS
  let last = 0
  while (true) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const [{ count }] = (
      await db.rawQuery(
        `SELECT count(*) AS count FROM webhook_deliveries WHERE status = 'delivered'`
      )
    ).rows
    const done = Number(count)
    if (done - last > 0 || done === total)
      process.stdout.write(
        `  ${done.toLocaleString('en')} delivered after ${((performance.now() - started) / 1000).toFixed(0)} s\r`
      )
    last = done
    if (done >= total) break
  }
  const seconds = (performance.now() - started) / 1000
  await worker.stop()
  receiver.close()
  console.log(
    `\n  drained ${total.toLocaleString('en')} deliveries in ${seconds.toFixed(1)} s: ${(total / seconds).toFixed(0)} deliveries/s (goal ≥ 200); receiver got ${received.toLocaleString('en')} requests`
  )
}

await db.manager.closeAll()
await app.terminate()
