/*
 * `npm run bench -- otv` (SQLite; BENCH_ENGINE=pg for PostgreSQL): the
 * police's daily patrol lists (Opération Tranquillité Vacances) for 500
 * homes watched today in 6 sectors of 5 streets, with two weeks of
 * passages. Prints the time to build all the lists (median and worst of
 * BENCH_RUNS runs, must stay under 1 s); baseline in the same run: one
 * sector's list alone.
 */
import { DateTime } from 'luxon'
import { bootApp } from './support/app.js'

const ENGINE = (process.env.BENCH_ENGINE ?? 'sqlite') as 'pg' | 'sqlite'
const HOMES = Number(process.env.BENCH_HOMES ?? 500)
const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const { rmSync } = await import('node:fs')
const database =
  ENGINE === 'pg'
    ? (process.env.BENCH_DATABASE ?? 'parvis_bench')
    : new URL('../tmp/bench_otv.sqlite3', import.meta.url).pathname
if (ENGINE === 'sqlite')
  for (const end of ['', '-wal', '-shm']) rmSync(database + end, { force: true })
await bootApp({ connection: ENGINE, database })

const db = (await import('@adonisjs/lucid/services/db')).default
const { dbTimestamp } = await import('#core/database/dialect')
const { clock } = await import('#core/clock')
const { defineSector } = await import('../bricks/police/actions/define_sector.js')
const { dailyLists } = await import('../bricks/police/services/patrol_lists.js')

const today = clock.today()
const day = (offset: number) => DateTime.fromISO(today).plus({ days: offset }).toISODate()!
for (let s = 1; s <= 6; s++)
  await defineSector({
    name: `Secteur ${s}`,
    streets: Array.from({ length: 5 }, (_, i) => `Rue ${(s - 1) * 5 + i + 1}`).join('\n'),
  })
const streets = await db.from('police_streets').select('id')
const now = dbTimestamp(clock.now())
const rows = Array.from({ length: HOMES }, (_, i) => ({
  reference: `BENCH-${i}`,
  email: `absent${i}@example.org`,
  street_id: streets[i % streets.length].id,
  street_number: ((i * 37) % 150) + 1,
  starts_on: day(-((i % 14) + 1)),
  ends_on: day((i % 20) + 1),
  status: 'active',
  home_type: 'house',
  alarm: false,
  locale: 'fr',
  created_at: now,
  updated_at: now,
}))
for (let i = 0; i < rows.length; i += 100)
  await db.table('police_otv_absences').multiInsert(rows.slice(i, i + 100))
const ids = (await db.from('police_otv_absences').select('id')).map((row) => row.id)
const passages = ids.flatMap((id, i) =>
  Array.from({ length: 4 }, (_, k) => ({
    absence_id: id,
    passed_at: dbTimestamp(clock.now().minus({ days: k * 3, hours: i % 5 })),
    anomaly: (i + k) % 50 === 0,
    created_at: now,
  }))
)
for (let i = 0; i < passages.length; i += 200)
  await db.table('police_otv_passages').multiInsert(passages.slice(i, i + 200))
if (ENGINE === 'pg') await db.rawQuery('ANALYZE')

async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint()
    await fn()
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)], worst: samples[samples.length - 1] }
}

const lists = await dailyLists(today)
const total = lists.reduce((sum, sector) => sum + sector.homes.length, 0)
const all = await measure(() => dailyLists(today))
const one = await measure(() => dailyLists(today, lists[0].id))
console.log(
  `${ENGINE === 'pg' ? 'PostgreSQL' : 'SQLite'}: ${total} homes watched today in ${lists.length} sectors (${lists.map((sector) => sector.homes.length).join(', ')}), ${passages.length} passages.`
)
console.log(
  `All daily lists: median ${all.median.toFixed(1)} ms, worst ${all.worst.toFixed(1)} ms over ${RUNS} runs (limit 1000 ms) — ${all.worst < 1000 ? 'OK' : 'TOO SLOW'}.`
)
console.log(
  `Baseline, one sector's list: median ${one.median.toFixed(1)} ms (ratio all/one ${(all.median / one.median).toFixed(1)}).`
)
await db.manager.closeAll()
process.exit(all.worst < 1000 ? 0 : 1)
