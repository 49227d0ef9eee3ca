/*
 * `npm run bench -- stats` (PostgreSQL): /agents/statistiques, the yearly
 * dashboard, on 1,000,000 demands filed over four years (about 685 a day) in
 * eight services, six procedures and four channels, with processing times
 * from 0 to 24 days against a 21-day due date, so that about one in eight is
 * late and the open ones of the last two months may be past it; rows made by one generate_series statement per
 * batch. The real server (TypeScript sources, production mode) answers an
 * agent of every service, logged in through the login form; prints p50/p95
 * of the whole page (every query, the SVG charts and their tables) for last
 * year and for the year to date. Goal: p95 under 500 ms.
 *
 * Settings: BENCH_DEMANDS (1000000), BENCH_RUNS (40), BENCH_PORT (4117), BENCH_DATABASE.
 */
import { bootApp, percentile, startServer, timings } from './support/app.js'
import { BenchBrowser } from './support/http_client.js'

const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const PORT = Number(process.env.BENCH_PORT ?? 4117)
const DATABASE = process.env.BENCH_DATABASE ?? 'parvis_bench_stats'
const GOAL_MS = 500

const app = await bootApp({ connection: 'pg', database: DATABASE })
const db = (await import('@adonisjs/lucid/services/db')).default
const { BENCH_SERVICES } = await import('./support/demands.js')
const Agent = (await import('#accounts/models/agent')).default
const Service = (await import('#accounts/models/service')).default
const { clock } = await import('#core/clock')

const PROCEDURES = [
  'nous-contacter',
  'acte-naissance',
  'inscription-scolaire',
  'otv',
  'aide-sociale',
  'occupation-voirie',
]
const list = (values: string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(',')}]`
// Four years back from now, one demand every 126 seconds.
const SPACING_SECONDS = Math.floor((4 * 365 * 86_400) / DEMANDS)

let started = Date.now()
for (let from = 1; from <= DEMANDS; from += 200_000) {
  const to = Math.min(from + 200_000 - 1, DEMANDS)
  await db.rawQuery(
    `INSERT INTO demands (reference, procedure_key, service_slug, state, origin, answers, current_step,
                          submitted_at, due_at, closed_at, created_at, updated_at)
     SELECT 'STA-' || lpad(g::text, 7, '0'), (${list(PROCEDURES)})[1 + g % ${PROCEDURES.length}],
            (${list(BENCH_SERVICES)})[1 + (g / 7) % ${BENCH_SERVICES.length}],
            CASE WHEN closed THEN (ARRAY['accepted','accepted','refused','closed','withdrawn'])[1 + g % 5]
                 ELSE (ARRAY['submitted','in_review','needs_information'])[1 + g % 3] END,
            CASE WHEN g % 50 = 0 THEN 'mediation' WHEN g % 10 < 7 THEN 'web' WHEN g % 10 < 9 THEN 'counter' ELSE 'phone' END,
            '{}', 1, at, at + interval '21 days',
            CASE WHEN closed THEN at + (g::bigint * 7919 % 25) * interval '1 day' + interval '3 hours' ELSE NULL END, at, at
     FROM (
       SELECT g, now() - (g * ${SPACING_SECONDS} * interval '1 second') AS at,
              (g * ${SPACING_SECONDS} > 60 * 86400 OR g % 2 = 0) AS closed
       FROM generate_series(?::int, ?::int) AS g
     ) AS rows`,
    [from, to]
  )
}
// What autovacuum does to a table that grew (PostgreSQL's index-only scans need its visibility map).
await db.rawQuery('VACUUM ANALYZE demands')
console.log(
  `Loaded ${DEMANDS.toLocaleString('en')} demands in ${((Date.now() - started) / 1000).toFixed(1)} s`
)

const ids: number[] = []
for (const slug of BENCH_SERVICES)
  ids.push((await Service.firstOrCreate({ slug }, { slug, name: slug, active: true })).id)
const agent = await Agent.create({
  email: 'stats@parvis.localhost',
  firstName: 'Bench',
  lastName: 'Statistiques',
  password: 'un cheval bleu mange des pommes',
  role: 'agent',
  active: true,
})
await agent.related('services').attach(ids)
await db.manager.closeAll()
await app.terminate()

const server = await startServer({ database: DATABASE, port: PORT })
try {
  const browser = new BenchBrowser(server.base, '192.0.2.7')
  await browser.request('GET', '/agents/connexion')
  const login = await browser.request('POST', '/agents/connexion', {
    email: 'stats@parvis.localhost',
    password: 'un cheval bleu mange des pommes',
  })
  if (login.status !== 302 && login.status !== 303)
    throw new Error(`Login answered ${login.status}`)
  const year = clock.local().year
  const pages: Record<string, string> = {
    [`year ${year - 1}`]: `/agents/statistiques?periode=annee&date=${year - 1}-06-01`,
    [`year ${year} to date`]: '/agents/statistiques?periode=annee',
    'one month': '/agents/statistiques?periode=mois',
  }
  console.log(
    `Yearly dashboard of an agent of all ${BENCH_SERVICES.length} services, ${RUNS} runs per page:`
  )
  const all: number[] = []
  for (const [label, path] of Object.entries(pages)) {
    const first = await browser.request('GET', path)
    if (first.status !== 200 || !first.html.includes('role="img"'))
      throw new Error(`${path} answered ${first.status} without charts`)
    const samples = await timings(() => browser.request('GET', path), RUNS, 3)
    if (label.startsWith('year')) all.push(...samples)
    console.log(
      `  ${label.padEnd(20)} p50 ${percentile(samples, 50).toFixed(1)} ms  p95 ${percentile(samples, 95).toFixed(1)} ms  (${(first.html.length / 1024).toFixed(0)} KB)`
    )
  }
  all.sort((a, b) => a - b)
  const p95 = percentile(all, 95)
  console.log(
    `Yearly dashboards p95 ${p95.toFixed(1)} ms (goal < ${GOAL_MS} ms): ${p95 < GOAL_MS ? 'met' : 'MISSED'}`
  )
} finally {
  await server.stopAndWait()
}
