/*
 * `npm run bench -- pages [build folder…]` (PostgreSQL): what a page costs.
 * The compiled server (`npm run build` first; default folder `build`) runs in
 * production mode on the demo city plus 100,000 demands; autocannon loads a
 * bare node:http server (the baseline, measured in the same run, as the
 * machine is shared and noisy), then the home page, the catalogue, /health,
 * the resident's demands (logged in through the real login form) and the
 * agents' inbox (likewise). Prints, per page, req/s, p50, p99, the ratio to
 * the baseline, the server's CPU milliseconds per request (its process CPU
 * time over the run / requests, from /proc), PostgreSQL's (every postgres
 * process of the machine), errors, and the server's RSS after 10,000
 * requests. Given several build folders (e.g. one compiled from an older
 * commit: the first is "before", the last "after"), runs their servers side
 * by side and loads them in turns, slices of BENCH_SLICE seconds in an order
 * reversed at every round, so that a shared machine's drift during the run
 * weighs on each alike; then prints the change in CPU per request. A build
 * may name node flags of its own after a colon, e.g. `build:--max-semi-space-size=16`
 * (comma-separated), to compare settings of one build.
 *
 * Settings: BENCH_DURATION (seconds per page and build, 10), BENCH_SLICE (2), BENCH_CONNECTIONS (10),
 * BENCH_DEMANDS (100000), BENCH_PORT (4115), BENCH_DATABASE, BENCH_PAGES (some of
 * the paths, comma-separated; another path is loaded too, with the agent's
 * cookie under /agents and the resident's under /mon-espace), BENCH_ENCODING (the
 * Accept-Encoding sent, e.g. `br, gzip` as a browser; none by default), BENCH_SERVER_ARGS (e.g. `--cpu-prof
 * --cpu-prof-dir=tmp/profiles` to profile the server).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import {
  benchServerArgs,
  bootApp,
  postgresCpuMs,
  processCpuMs,
  rssMb,
  startServer,
} from './support/app.js'
import { BenchBrowser } from './support/http_client.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const SLICE = Number(process.env.BENCH_SLICE ?? 2)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 100_000)
const PORT = Number(process.env.BENCH_PORT ?? 4115)
const DATABASE = process.env.BENCH_DATABASE ?? 'parvis_bench'
const BUILDS = process.argv.slice(2).length ? process.argv.slice(2) : ['build']
/** `folder:--flag,--flag=value`: a build run with node flags of its own (after the production ones). */
const folderOf = (build: string) => build.split(':')[0]
const flagsOf = (build: string) => build.split(':').slice(1).join(':').split(',').filter(Boolean)
const RSS_AFTER = 10_000
const PRODUCTION_HEAP_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256']
const ENCODING = process.env.BENCH_ENCODING ?? ''
const TARGETS: Record<string, number> = { '/demarches': 0.08, '/agents/demandes': 0.02 }

for (const build of BUILDS) {
  if (!existsSync(resolve(folderOf(build), 'bin/server.js'))) {
    console.error(`${folderOf(build)}/bin/server.js is missing: run \`npm run build\` first.`)
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

interface Measure {
  label: string
  requests: number
  rps: number
  p50: number
  p99: number
  errors: number
  cpuPerRequest: number
  databaseCpuPerRequest: number
}

/** What one slice of load gave: summed over the slices of a page, per build. */
interface Slice {
  requests: number
  seconds: number
  p50: number
  p99: number
  errors: number
  cpuMs: number
  databaseCpuMs: number
}

async function slice(
  url: string,
  pid: number,
  seconds: number,
  headers: Record<string, string>
): Promise<Slice> {
  const cpuBefore = processCpuMs(pid)
  const databaseBefore = postgresCpuMs()
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers })
  return {
    requests: result.requests.total,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMs: processCpuMs(pid) - cpuBefore,
    databaseCpuMs: postgresCpuMs() - databaseBefore,
  }
}

function summarise(label: string, slices: Slice[]): Measure {
  const requests = slices.reduce((sum, one) => sum + one.requests, 0)
  const seconds = slices.reduce((sum, one) => sum + one.seconds, 0)
  const p50s = slices.map((one) => one.p50).sort((a, b) => a - b)
  return {
    label,
    requests,
    rps: requests / seconds,
    // One slice: its own figures; several: the median slice's p50 and the worst slice's p99.
    p50: p50s[Math.floor((p50s.length - 1) / 2)],
    p99: Math.max(...slices.map((one) => one.p99)),
    errors: slices.reduce((sum, one) => sum + one.errors, 0),
    cpuPerRequest: slices.reduce((sum, one) => sum + one.cpuMs, 0) / Math.max(requests, 1),
    databaseCpuPerRequest:
      slices.reduce((sum, one) => sum + one.databaseCpuMs, 0) / Math.max(requests, 1),
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
    const url = `http://127.0.0.1:${port}/`
    await autocannon({ url, connections: 2, amount: 200 })
    return summarise('bare node:http', [await slice(url, child.pid!, DURATION, {})])
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
    `  ${'page'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'ratio'.padStart(7)} ${'CPU/req'.padStart(9)} ${'DB CPU'.padStart(9)} errors`
  )
  for (const row of rows) {
    const ratio = row.rps / reference.rps
    const target = TARGETS[row.label]
    const verdict =
      target === undefined ? '' : ratio >= target ? ` (≥ ${target} ✓)` : ` (< ${target})`
    console.log(
      `  ${row.label.padEnd(24)} ${row.rps.toFixed(0).padStart(8)} ${ms(row.p50)} ${ms(row.p99)} ${ratio.toFixed(4).padStart(7)} ${ms(row.cpuPerRequest).padStart(9)} ${ms(row.databaseCpuPerRequest).padStart(9)} ${String(row.errors).padStart(6)}${verdict}`
    )
  }
}

const reference = await baseline(PORT + 1)
// Every build's server runs at once; only the one being loaded works at a time.
const servers: Awaited<ReturnType<typeof startServer>>[] = []
for (const [index, build] of BUILDS.entries()) {
  servers.push(
    await startServer({
      database: DATABASE,
      port: PORT + 2 * index,
      build: resolve(folderOf(build)),
      env: { LIMITER_STORE: 'memory', SESSION_DRIVER: 'database' },
      // The heap flags of README's production command and of npm start, then any asked for.
      nodeArgs: [...PRODUCTION_HEAP_FLAGS, ...benchServerArgs(), ...flagsOf(build)],
    })
  )
}
let failed = false
try {
  const cookies: { resident: string; agent: string }[] = []
  for (const server of servers)
    cookies.push({
      resident: await logIn(server.base, '/connexion', DEMO_RESIDENT.email),
      agent: await logIn(server.base, '/agents/connexion', 'accueil@parvis.localhost'),
    })
  const pages: [string, 'resident' | 'agent' | null][] = [
    ['/', null],
    ['/demarches', null],
    ['/health', null],
    ['/mon-espace/demandes', 'resident'],
    ['/agents/demandes', 'agent'],
  ]
  const only = process.env.BENCH_PAGES?.split(',')
  // Any other path asked for (e.g. a small agents' page, to see what every agents' page costs).
  for (const path of only ?? [])
    if (!pages.some(([known]) => known === path))
      pages.push([
        path,
        path.startsWith('/agents') ? 'agent' : path.startsWith('/mon-espace') ? 'resident' : null,
      ])
  const rows: Measure[][] = servers.map(() => [])
  const served = servers.map(() => 0)
  const rss: ({ mb: number; after: number } | null)[] = servers.map(() => null)
  for (const [path, who] of pages) {
    if (only && !only.includes(path)) continue
    const headersOf = (index: number): Record<string, string> => ({
      ...(who ? { cookie: cookies[index][who] } : {}),
      // A browser always asks for a compressed answer; BENCH_ENCODING says what this client asks for.
      ...(ENCODING ? { 'accept-encoding': ENCODING } : {}),
    })
    // Warm-up, not counted: the first renders compile the templates.
    for (const [index, server] of servers.entries())
      await autocannon({
        url: server.base + path,
        connections: 2,
        amount: 200,
        headers: headersOf(index),
      })
    // One build: one run of BENCH_DURATION s. Several: slices of BENCH_SLICE s, the builds taking
    // turns in an order reversed at every round, so that the machine's drift weighs on each alike.
    const sliceSeconds = servers.length > 1 ? Math.min(SLICE, DURATION) : DURATION
    const rounds = Math.max(1, Math.round(DURATION / sliceSeconds))
    const slices: Slice[][] = servers.map(() => [])
    for (let round = 0; round < rounds; round++) {
      const order = servers.map((_, index) => index)
      if (round % 2) order.reverse()
      for (const index of order)
        slices[index].push(
          await slice(
            servers[index].base + path,
            servers[index].pid,
            sliceSeconds,
            headersOf(index)
          )
        )
    }
    for (const [index, server] of servers.entries()) {
      rows[index].push(summarise(path, slices[index]))
      served[index] += rows[index].at(-1)!.requests + 200
      if (!rss[index] && served[index] >= RSS_AFTER)
        rss[index] = { mb: rssMb(server.pid), after: served[index] }
    }
  }
  for (const [index, build] of BUILDS.entries()) {
    console.log(
      `\n${build} (${index + 1}/${BUILDS.length}), production build on PostgreSQL` +
        (BUILDS.length > 1 ? `, in ${Math.min(SLICE, DURATION)}-s slices taking turns:` : ':')
    )
    print([reference, ...rows[index]], reference)
    const finalRss = rssMb(servers[index].pid)
    const early = rss[index]
    console.log(
      `  RSS ${early ? `${early.mb.toFixed(0)} MB after ${early.after.toLocaleString('en')} requests, ` : ''}` +
        `${finalRss.toFixed(0)} MB after ${served[index].toLocaleString('en')} (target ≤ 200 MB)`
    )
    const errors = rows[index].reduce((sum, row) => sum + row.errors, 0)
    if (errors || (early?.mb ?? finalRss) > 200) failed = true
    for (const row of rows[index]) {
      const target = TARGETS[row.label]
      if (target !== undefined && row.rps / reference.rps < target) failed = true
    }
  }
  if (BUILDS.length > 1) {
    console.log(`\n${BUILDS.at(-1)} against ${BUILDS[0]}, CPU per request (server; PostgreSQL):`)
    for (const [position, row] of rows[0].entries()) {
      const other = rows.at(-1)![position]
      const change = (after: number, before: number) =>
        `${before.toFixed(2)} → ${after.toFixed(2)} ms` +
        (before >= 0.01 ? ` (${(((after - before) / before) * 100).toFixed(0)} %)` : '')
      console.log(
        `  ${row.label.padEnd(24)} ${change(other.cpuPerRequest, row.cpuPerRequest)}; ${change(other.databaseCpuPerRequest, row.databaseCpuPerRequest)}`
      )
    }
  }
} finally {
  // Requests still in flight when autocannon stopped end before the servers do.
  await new Promise((done) => setTimeout(done, 2000))
  await Promise.all(servers.map((server) => server.stopAndWait()))
}
process.exit(failed ? 1 : 0)
