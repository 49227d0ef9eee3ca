/*
 * `npm run bench -- export` (PostgreSQL): the agents' CSV export of 100,000
 * demands, produced as it is streamed to the browser. Prints rows per second
 * (goal ≥ 20,000) and the memory growth while exporting (goal < 50 MB), with
 * a baseline in the same run: reading the same rows without writing CSV.
 */
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { bootApp } from './support/app.js'

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const app = await bootApp({
  connection: 'pg',
  database: process.env.BENCH_DATABASE ?? 'parvis_bench',
})
const { benchAgent, insertDemands } = await import('./support/demands.js')
const { demandsCsv } = await import('#demands/services/demands_export')
const { parseInboxFilters } = await import('#demands/queries/inbox')
const Demand = (await import('#demands/models/demand')).default
const i18n = (await import('@adonisjs/i18n/services/main')).default.locale('fr')
const db = (await import('@adonisjs/lucid/services/db')).default

const agent = await benchAgent()
await insertDemands(1, ROWS + 1, { services: ['accueil'] })
const filters = parseInboxFilters({ statut: 'all' })

const gc = (globalThis as { gc?: () => void }).gc

/**
 * Peak memory above the level before the export. V8 collects lazily, so the
 * raw peak counts garbage not yet collected; when the bench runs with
 * --expose-gc (bench/run.js does), a second run collects after each chunk
 * and reads the heap then: what the export really keeps alive.
 */
function sampleMemory() {
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakHeap = base.heapUsed
  const timer = setInterval(() => {
    const now = process.memoryUsage()
    peakRss = Math.max(peakRss, now.rss)
    peakHeap = Math.max(peakHeap, now.heapUsed)
  }, 20)
  return () => {
    clearInterval(timer)
    return {
      rss: (peakRss - base.rss) / 1024 / 1024,
      heap: (peakHeap - base.heapUsed) / 1024 / 1024,
    }
  }
}

// Baseline: the same batches read from the database, nothing written.
gc?.()
let started = process.hrtime.bigint()
let read = 0
for (let lastId = 0; ;) {
  const batch = await Demand.query()
    .where('service_slug', 'accueil')
    .whereNot('state', 'draft')
    .where('id', '>', lastId)
    .orderBy('id')
    .limit(1000)
  if (batch.length === 0) break
  read += batch.length
  lastId = batch[batch.length - 1].id
}
const baselineSeconds = Number(process.hrtime.bigint() - started) / 1e9

// The export itself, streamed into a sink that counts bytes and lines.
async function exportOnce(collect: boolean) {
  let bytes = 0
  let lines = 0
  gc?.()
  const baseHeap = process.memoryUsage().heapUsed
  let retained = baseHeap
  const stop = sampleMemory()
  started = process.hrtime.bigint()
  await pipeline(
    Readable.from(demandsCsv(agent, filters, i18n)),
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
  return {
    seconds,
    memory: stop(),
    retained: (retained - baseHeap) / 1024 / 1024,
    rows: lines - 1,
    bytes,
  }
}

const free = await exportOnce(false)
started = process.hrtime.bigint()
const collected = gc ? await exportOnce(true) : null
const { rows, bytes, seconds } = free
console.log(
  `Export of ${rows.toLocaleString('en')} demands (${(bytes / 1024 / 1024).toFixed(1)} MB of CSV), PostgreSQL:`
)
console.log(
  `  rows per second        ${Math.round(rows / seconds).toLocaleString('en')} (goal ≥ 20,000)`
)
if (collected)
  console.log(
    `  memory kept alive      ${collected.retained.toFixed(1)} MB of heap at most, measured after a collection at each chunk of 1,000 rows (goal < 50 MB)`
  )
console.log(
  `  peak growth, lazy GC   ${free.memory.heap.toFixed(1)} MB heap, ${free.memory.rss.toFixed(1)} MB resident (includes garbage V8 had not collected yet)`
)
console.log(
  `  baseline: reading the same ${read.toLocaleString('en')} rows without CSV: ${Math.round(read / baselineSeconds).toLocaleString('en')} rows/s; export / baseline time: ${(seconds / baselineSeconds).toFixed(2)}`
)

await db.manager.closeAll()
await app.terminate()
