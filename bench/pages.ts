/*
 * `npm run bench -- pages [build folder…]` (PostgreSQL): what a page costs.
 * The compiled server (`npm run build` first; default folder `build`) runs in
 * production mode on the demo city plus 100,000 demands; autocannon loads a
 * bare node:http server (the baseline, measured in the same run, as the
 * machine is shared and noisy), then the home page, the catalogue, /health,
 * the resident's demands (logged in through the real login form) and the
 * agents' inbox (likewise). Prints, per page, req/s, p50, p99, the ratio to
 * the baseline, the server's CPU milliseconds per request (its process CPU
 * time over the run / requests, from /proc), errors, and the server's RSS
 * after 10,000 requests. Given several build folders (e.g. one compiled from
 * an older commit), measures each in turn against its own baseline.
 *
 * Settings: BENCH_DURATION (seconds per page, 10), BENCH_CONNECTIONS (10),
 * BENCH_DEMANDS (100000), BENCH_PORT (4115), BENCH_DATABASE, BENCH_PAGES (some of
 * the paths, comma-separated; another path is loaded too, with the agent's
 * cookie under /agents and the resident's under /mon-espace), BENCH_ENCODING (the
 * Accept-Encoding sent, e.g. `br, gzip` as a browser; none by default), BENCH_SERVER_ARGS (e.g. `--cpu-prof
 * --cpu-prof-dir=tmp/profiles` to profile the server).
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import { bootApp, processCpuMs, startServer } from './support/app.js'
import { BenchBrowser } from './support/http_client.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 100_000)
const PORT = Number(process.env.BENCH_PORT ?? 4115)
const DATABASE = process.env.BENCH_DATABASE ?? 'parvis_bench'
const BUILDS = process.argv.slice(2).length ? process.argv.slice(2) : ['build']
const RSS_AFTER = 10_000
const PRODUCTION_HEAP_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256']
const ENCODING = process.env.BENCH_ENCODING ?? ''
const TARGETS: Record<string, number> = { '/demarches': 0.08, '/agents/demandes': 0.02 }

for (const build of BUILDS) {
  if (!existsSync(resolve(build, 'bin/server.js'))) {
    console.error(`${build}/bin/server.js is missing: run \`npm run build\` first.`)
    process.exit(1)
  }
}

const app = await bootApp({ connection: 'pg', database: DATABASE })
const db = (await import('@adonisjs/lucid/services/db')).default
const { seedDemoCity, CITY_SERVICES, DEMO_PASSWORD, DEMO_RESIDENT } =
  await import('#core/demo/demo_city')
const { insertDemands } = await import('./support/demands.js')

let started = Date.now()
await db.transaction((trx) => seedDemoCity(trx))
const services = CITY_SERVICES.map((service) => service.slug)
for (let from = 1; from <= DEMANDS; from += 50_000)
  await insertDemands(from, Math.min(from + 50_000, DEMANDS + 1), { services })
console.log(
  `Demo city plus ${DEMANDS.toLocaleString('en')} demands loaded in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `${DURATION} s and ${CONNECTIONS} connections per page.`
)
await db.manager.closeAll()
await app.terminate()

function rssMb(pid: number) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)!
  return Number(line[1]) / 1024
}

interface Measure {
  label: string
  requests: number
  rps: number
  p50: number
  p99: number
  errors: number
  cpuPerRequest: number
}

async function load(
  url: string,
  pid: number,
  label: string,
  headers: Record<string, string> = {}
): Promise<Measure> {
  // A browser always asks for a compressed answer; BENCH_ENCODING says what this client asks for.
  if (ENCODING) headers = { ...headers, 'accept-encoding': ENCODING }
  // Warm-up, not counted: the first renders compile the templates.
  await autocannon({ url, connections: 2, amount: 200, headers })
  const cpuBefore = processCpuMs(pid)
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers })
  const requests = result.requests.total
  return {
    label,
    requests,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest: (processCpuMs(pid) - cpuBefore) / Math.max(requests, 1),
  }
}

/** The bare node:http server, in a process of its own like the portal's. */
async function baseline(port: number) {
  const child = spawn(process.execPath, [
    '-e',
    `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1', () => console.log('up'))`,
  ])
  await new Promise((done) => child.stdout.once('data', done))
  try {
    return await load(`http://127.0.0.1:${port}/`, child.pid!, 'bare node:http')
  } finally {
    child.kill('SIGTERM')
  }
}

async function logIn(base: string, path: string, email: string) {
  const browser = new BenchBrowser(base, '192.0.2.10')
  await browser.request('GET', path)
  const answer = await browser.request('POST', path, { email, password: DEMO_PASSWORD })
  if (answer.status !== 302 && answer.status !== 303)
    throw new Error(`Login at ${path} as ${email} failed (${answer.status})`)
  return browser.cookieHeader()
}

function print(rows: Measure[], reference: Measure) {
  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`.padStart(8)
  console.log(
    `  ${'page'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'ratio'.padStart(7)} ${'CPU/req'.padStart(9)} errors`
  )
  for (const row of rows) {
    const ratio = row.rps / reference.rps
    const target = TARGETS[row.label]
    const verdict =
      target === undefined ? '' : ratio >= target ? ` (≥ ${target} ✓)` : ` (< ${target})`
    console.log(
      `  ${row.label.padEnd(24)} ${row.rps.toFixed(0).padStart(8)} ${ms(row.p50)} ${ms(row.p99)} ${ratio.toFixed(4).padStart(7)} ${ms(row.cpuPerRequest).padStart(9)} ${String(row.errors).padStart(6)}${verdict}`
    )
  }
}

let failed = false
for (const [index, build] of BUILDS.entries()) {
  const reference = await baseline(PORT + 1)
  const server = await startServer({
    database: DATABASE,
    port: PORT,
    build: resolve(build),
    env: { LIMITER_STORE: 'memory', SESSION_DRIVER: 'database' },
    // The heap flags of README's production command and of npm start, then any asked for.
    nodeArgs: [
      ...PRODUCTION_HEAP_FLAGS,
      ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean),
    ],
  })
  try {
    const resident = await logIn(server.base, '/connexion', DEMO_RESIDENT.email)
    const agent = await logIn(server.base, '/agents/connexion', 'accueil@parvis.localhost')
    const pages: [string, Record<string, string>][] = [
      ['/', {}],
      ['/demarches', {}],
      ['/health', {}],
      ['/mon-espace/demandes', { cookie: resident }],
      ['/agents/demandes', { cookie: agent }],
    ]
    const only = process.env.BENCH_PAGES?.split(',')
    // Any other path asked for (e.g. a small agents' page, to see what every agents' page costs).
    for (const path of only ?? [])
      if (!pages.some(([known]) => known === path))
        pages.push([
          path,
          path.startsWith('/agents')
            ? { cookie: agent }
            : path.startsWith('/mon-espace')
              ? { cookie: resident }
              : {},
        ])
    const rows: Measure[] = []
    let served = 0
    let rss: { mb: number; after: number } | null = null
    for (const [path, headers] of pages) {
      if (only && !only.includes(path)) continue
      rows.push(await load(server.base + path, server.pid, path, headers))
      served += rows.at(-1)!.requests + 200
      if (!rss && served >= RSS_AFTER) rss = { mb: rssMb(server.pid), after: served }
    }
    console.log(`\n${build} (${index + 1}/${BUILDS.length}), production build on PostgreSQL:`)
    print([reference, ...rows], reference)
    const finalRss = rssMb(server.pid)
    console.log(
      `  RSS ${rss ? `${rss.mb.toFixed(0)} MB after ${rss.after.toLocaleString('en')} requests, ` : ''}` +
        `${finalRss.toFixed(0)} MB after ${served.toLocaleString('en')} (target ≤ 200 MB)`
    )
    const errors = rows.reduce((sum, row) => sum + row.errors, 0)
    if (errors || (rss?.mb ?? finalRss) > 200) failed = true
    for (const row of rows) {
      const target = TARGETS[row.label]
      if (target !== undefined && row.rps / reference.rps < target) failed = true
    }
  } finally {
    // Requests still in flight when autocannon stopped end before the server does.
    await new Promise((done) => setTimeout(done, 2000))
    await server.stopAndWait()
  }
}
process.exit(failed ? 1 : 0)
