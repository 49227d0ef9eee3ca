/*
 * `npm run bench -- reports` (SQLite; BENCH_ENGINE=pg for PostgreSQL): 200,000
 * reports of problems in public space spread over the demo city (12
 * categories, 40 % still open). Prints p50/p95 of the public map's
 * bounding-box query (a street-level view, a district and the whole city) and of the
 * duplicate check (open reports of the same category within 50 m), which
 * must stay under 50 ms p95; baseline in the same run: one report read by
 * its id.
 */
import { bootApp, percentile, timings } from './support/app.js'

const ENGINE = (process.env.BENCH_ENGINE ?? 'sqlite') as 'pg' | 'sqlite'
const REPORTS = Number(process.env.BENCH_REPORTS ?? 200_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const LIMIT_MS = 50
const { rmSync } = await import('node:fs')
const database =
  ENGINE === 'pg'
    ? (process.env.BENCH_DATABASE ?? 'parvis_bench')
    : new URL('../tmp/bench_reports.sqlite3', import.meta.url).pathname
if (ENGINE === 'sqlite')
  for (const end of ['', '-wal', '-shm']) rmSync(database + end, { force: true })
await bootApp({ connection: ENGINE, database })

const db = (await import('@adonisjs/lucid/services/db')).default
const { dbTimestamp } = await import('#core/database/dialect')
const { clock } = await import('#core/clock')
const { publicMarkers } = await import('../bricks/public_space/queries/map.js')
const { openReportsNear } = await import('../bricks/public_space/queries/nearby.js')
const Report = (await import('../bricks/public_space/models/report.js')).default

// The demo city's box (the default boundary setting).
const CITY = { south: 48.6, north: 48.66, west: 2.4, east: 2.48 }
// A deterministic pseudo-random sequence: every run measures the same data.
let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const pointInCity = () => ({
  lat: CITY.south + random() * (CITY.north - CITY.south),
  lng: CITY.west + random() * (CITY.east - CITY.west),
})

const categories = (await db.from('public_space_categories').select('id')).map((row) => row.id)
const STATUSES = ['new', 'acknowledged', 'planned', 'resolved', 'resolved', 'resolved']
const started = Date.now()
const year = clock.now().year
await db.transaction(async (trx) => {
  const batch: Record<string, unknown>[] = []
  for (let i = 1; i <= REPORTS; i++) {
    const at = clock.now().minus({ minutes: (REPORTS - i) * 3 })
    const status = i % 25 === 0 ? 'not_city' : STATUSES[i % STATUSES.length]
    const point = pointInCity()
    batch.push({
      reference: `S-${year}-${String(i).padStart(6, '0')}`,
      category_id: categories[i % categories.length],
      service_slug: 'services_techniques',
      status,
      address: `${(i % 120) + 1} rue du Banc ${i % 300}`,
      lat: point.lat,
      lng: point.lng,
      description: 'Signalement de charge.',
      contact_email: `habitant${i}@example.org`,
      channel: 'web',
      verified_at: i % 20 === 0 ? null : dbTimestamp(at),
      resolved_at: status === 'resolved' ? dbTimestamp(at.plus({ days: 3 })) : null,
      reopen_count: i % 40 === 0 ? 1 : 0,
      created_at: dbTimestamp(at),
      updated_at: dbTimestamp(at),
    })
    if (batch.length === 500 || i === REPORTS) {
      await trx.table('public_space_reports').multiInsert(batch)
      batch.length = 0
    }
  }
})
// PostgreSQL's autovacuum analyzes a table that grew; the portal never runs ANALYZE on
// SQLite, whose planner then prefers the (lat, lng) index for a box (with statistics it
// skip-scans the (category, status, lat, lng) index instead, twice slower here).
if (ENGINE === 'pg') await db.rawQuery('ANALYZE')
const loadedIn = ((Date.now() - started) / 1000).toFixed(0)

// A street-level view: about 400 m × 400 m somewhere in the city.
const streetBox = () => {
  const { lat, lng } = pointInCity()
  return { south: lat - 0.0018, north: lat + 0.0018, west: lng - 0.0027, east: lng + 0.0027 }
}
const label = (status: string) => status
let streetMarkers = 0
const street = await timings(async () => {
  streetMarkers += (await publicMarkers(streetBox(), label)).features.length
}, RUNS)
// A district view: about 2.2 km × 2.2 km (the two passes of a wide box).
const districtBox = () => {
  const { lat, lng } = pointInCity()
  return { south: lat - 0.01, north: lat + 0.01, west: lng - 0.015, east: lng + 0.015 }
}
const district = await timings(() => publicMarkers(districtBox(), label), RUNS)
const city = await timings(() => publicMarkers(CITY, label), RUNS)
let duplicates = 0
const duplicate = await timings(async () => {
  const category = categories[Math.floor(random() * categories.length)]
  duplicates += (await openReportsNear(category, pointInCity(), 50)).length
}, RUNS)
const baseline = await timings(() => Report.find(1 + Math.floor(random() * REPORTS)), RUNS)

const figures = (samples: number[]) => ({
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
})
const base = figures(baseline)
const rows = [
  ['Map, street-level box (~400 m)', street],
  ['Map, district box (~2 km)', district],
  ['Map, whole city (500 newest)', city],
  ['Duplicate check (50 m, same category, open)', duplicate],
] as const
console.log(
  `${ENGINE === 'pg' ? 'PostgreSQL' : 'SQLite'}: ${REPORTS} reports loaded in ${loadedIn} s; ${RUNS} runs each.`
)
let ok = true
for (const [name, samples] of rows) {
  const { p50, p95 } = figures(samples)
  if (p95 >= LIMIT_MS) ok = false
  console.log(
    `${name}: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (limit ${LIMIT_MS} ms p95, ratio p50/baseline ${(p50 / base.p50).toFixed(1)}) — ${p95 < LIMIT_MS ? 'OK' : 'TOO SLOW'}`
  )
}
console.log(
  `Baseline, one report by id: p50 ${base.p50.toFixed(2)} ms, p95 ${base.p95.toFixed(2)} ms. Markers per street view ${(streetMarkers / (RUNS + 10)).toFixed(0)} on average, duplicates found ${(duplicates / (RUNS + 10)).toFixed(2)} per check.`
)
await db.manager.closeAll()
process.exit(ok ? 0 : 1)
