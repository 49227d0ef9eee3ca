/*
 * `npm run bench -- payments` (PostgreSQL): the agents' payments list
 * (/agents/paiements/encaissements) on 1,000 payments, then on 100,000, with
 * the same queries (the page's rows, keyset pagination, the audit entry of
 * the page); prints the p95 of each and of all of them at each size and
 * their ratio (goal: 100k / 1k ≤ 2). Then the CSV export of the 100,000
 * payments as streamed to the browser: rows per second (goal ≥ 20,000) and
 * memory growth while exporting (goal < 50 MB).
 */
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { bootApp, percentile, timings } from './support/app.js'

const app = await bootApp({
  connection: 'pg',
  database: process.env.BENCH_DATABASE ?? 'parvis_bench_payments',
})
const db = (await import('@adonisjs/lucid/services/db')).default
const { benchAgent, BENCH_SERVICES } = await import('./support/demands.js')
const { paymentListPage, paymentListCsv } = await import('#payments/services/agent_lists')
const { paymentListFilters, paymentBatch } = await import('#payments/queries/agent_payments')
const { keysetBatches } = await import('#core/services/csv_download')
const { csvChunks } = await import('#core/services/csv_download')
const i18n = (await import('@adonisjs/i18n/services/main')).default.locale('fr')
const Service = (await import('#accounts/models/service')).default

const RUNS = Number(process.env.BENCH_RUNS ?? 200)

// A cashier of the finance service: sees every service's payments, the largest list there is.
const agent = await benchAgent()
const finances = await Service.firstOrCreate(
  { slug: 'finances' },
  { slug: 'finances', name: 'Finances', active: true }
)
await agent.related('services').sync([finances.id])
await agent.load('services')
const scope = { all: true, slugs: ['finances'] }

/**
 * Invoices and their payments numbered from `from` to `to` (exclusive), one
 * statement each: payment n pays invoice n, one in 500 is flagged, the
 * methods rotate (cash, cheque, card at the desk; online), about 625 a day
 * going back in time as in the demands bench.
 */
async function insertPayments(from: number, to: number) {
  const services = `ARRAY[${BENCH_SERVICES.map((slug) => `'${slug}'`).join(',')}]`
  await db.rawQuery(
    `INSERT INTO invoices (id, number, payer_user_id, payer_name, payer_email, service_slug, label, amount_cents, paid_cents,
                           credited_cents, due_on, status, created_at, updated_at)
     SELECT g, 'FAC-B-' || lpad(g::text, 7, '0'), NULL, 'Famille Nom' || (g % 1999), NULL, (${services})[1 + g % ${BENCH_SERVICES.length}],
            'Restauration scolaire', 2000 + g % 5000, CASE WHEN g % 500 = 0 THEN 0 ELSE 2000 + g % 5000 END, 0,
            to_char(now() - g * interval '138 seconds' + interval '20 days', 'YYYY-MM-DD'),
            CASE WHEN g % 500 = 0 THEN 'issued' ELSE 'paid' END, now() - g * interval '138 seconds', now() - g * interval '138 seconds'
     FROM generate_series(?::int, ?::int) AS g`,
    [from, to - 1]
  )
  await db.rawQuery(
    `INSERT INTO payments (id, invoice_id, provider, refdet, operation_id, amount_cents, status, method, receipt_number, flag,
                           paid_at, created_at, updated_at)
     SELECT g, g, CASE WHEN g % 4 = 3 THEN 'payfip' ELSE 'desk' END, 'B' || lpad(g::text, 9, '0'), NULL, 2000 + g % 5000,
            CASE WHEN g % 500 = 0 THEN 'mismatch' ELSE 'paid' END,
            (ARRAY['cash','cheque','card',NULL])[1 + g % 4], CASE WHEN g % 4 = 3 THEN NULL ELSE 'R-' || g END,
            CASE WHEN g % 500 = 0 THEN 'Résultat PayFiP différent de la demande : montant' ELSE NULL END,
            now() - g * interval '138 seconds', now() - g * interval '138 seconds', now() - g * interval '138 seconds'
     FROM generate_series(?::int, ?::int) AS g`,
    [from, to - 1]
  )
  await db.rawQuery(`SELECT setval('invoices_id_seq', ?), setval('payments_id_seq', ?)`, [to, to])
  await db.rawQuery('ANALYZE invoices')
  await db.rawQuery('ANALYZE payments')
}

async function measure(size: number) {
  const first = await paymentListPage(agent, scope, paymentListFilters({}), null)
  const secondKey = first.payments[first.payments.length - 1].id
  const queries: Record<string, () => Promise<unknown>> = {
    'all, newest first': () => paymentListPage(agent, scope, paymentListFilters({}), null),
    'all, page 2': () => paymentListPage(agent, scope, paymentListFilters({}), secondKey),
    'received only': () =>
      paymentListPage(agent, scope, paymentListFilters({ statut: 'paid' }), null),
    'to check': () =>
      paymentListPage(agent, scope, paymentListFilters({ statut: 'mismatch' }), null),
    'by receipt number': () =>
      paymentListPage(agent, scope, paymentListFilters({ q: 'R-500' }), null),
  }
  const all: number[] = []
  for (const [label, run] of Object.entries(queries)) {
    const samples = await timings(run, RUNS)
    all.push(...samples)
    console.log(
      `  ${label.padEnd(20)} p50 ${percentile(samples, 50).toFixed(2)} ms  p95 ${percentile(samples, 95).toFixed(2)} ms`
    )
  }
  all.sort((a, b) => a - b)
  // A search by payer's name reads every payment (ILIKE '%…%'): shown apart, not part of the goal.
  const byName = await timings(
    () => paymentListPage(agent, scope, paymentListFilters({ q: 'nom1234' }), null),
    20,
    2
  )
  console.log(`  (payer name search, no index: p95 ${percentile(byName, 95).toFixed(2)} ms)`)
  console.log(`  all queries          p95 ${percentile(all, 95).toFixed(2)} ms`)
  console.log(`  (${size.toLocaleString('en')} payments, ${first.payments.length} on a page)`)
  return percentile(all, 95)
}

const gc = (globalThis as { gc?: () => void }).gc

async function exportOnce(collect: boolean) {
  const download = await paymentListCsv(agent, scope, paymentListFilters({}), i18n)
  let bytes = 0
  let lines = 0
  gc?.()
  const base = process.memoryUsage()
  let peakHeap = base.heapUsed
  let peakRss = base.rss
  let retained = base.heapUsed
  const timer = setInterval(() => {
    const now = process.memoryUsage()
    peakHeap = Math.max(peakHeap, now.heapUsed)
    peakRss = Math.max(peakRss, now.rss)
  }, 20)
  const started = process.hrtime.bigint()
  await pipeline(
    Readable.from(csvChunks(download)),
    new Writable({
      write(chunk, _encoding, done) {
        const text = String(chunk)
        bytes += Buffer.byteLength(text)
        for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
          lines++
        if (collect && gc) {
          gc()
          retained = Math.max(retained, process.memoryUsage().heapUsed)
        }
        done()
      },
    })
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  clearInterval(timer)
  return {
    seconds,
    rows: lines - 1,
    bytes,
    heap: (peakHeap - base.heapUsed) / 1024 / 1024,
    rss: (peakRss - base.rss) / 1024 / 1024,
    retained: (retained - base.heapUsed) / 1024 / 1024,
  }
}

console.log(`Agents' payments list of a finance cashier, ${RUNS} runs per query, PostgreSQL.`)
let started = Date.now()
await insertPayments(1, 1_001)
console.log(`Loaded 1,000 payments in ${((Date.now() - started) / 1000).toFixed(1)} s`)
const small = await measure(1_000)
started = Date.now()
await insertPayments(1_001, 100_001)
console.log(`Loaded 99,000 more in ${((Date.now() - started) / 1000).toFixed(1)} s`)
const large = await measure(100_000)
console.log(`\nRatio of p95, 100,000 / 1,000 payments: ${(large / small).toFixed(2)} (goal ≤ 2)`)

// Baseline: the same batches read from the database, nothing written (how loaded the machine is).
const baselineStarted = process.hrtime.bigint()
let read = 0
for await (const rows of keysetBatches(paymentBatch(scope, paymentListFilters({}))))
  read += rows.length
const baselineSeconds = Number(process.hrtime.bigint() - baselineStarted) / 1e9

const free = await exportOnce(false)
const collected = gc ? await exportOnce(true) : null
console.log(
  `\nCSV export of ${free.rows.toLocaleString('en')} payments (${(free.bytes / 1024 / 1024).toFixed(1)} MB):`
)
console.log(
  `  rows per second        ${Math.round(free.rows / free.seconds).toLocaleString('en')} (goal ≥ 20,000)`
)
if (collected)
  console.log(
    `  memory kept alive      ${collected.retained.toFixed(1)} MB of heap at most, measured after a collection at each batch of 1,000 rows (goal < 50 MB)`
  )
console.log(
  `  peak growth, lazy GC   ${free.heap.toFixed(1)} MB heap, ${free.rss.toFixed(1)} MB resident (includes garbage V8 had not collected yet)`
)

console.log(
  `  baseline: reading the same ${read.toLocaleString('en')} rows without CSV: ${Math.round(read / baselineSeconds).toLocaleString('en')} rows/s; export / baseline time: ${(free.seconds / baselineSeconds).toFixed(2)}`
)

await db.manager.closeAll()
await app.terminate()
