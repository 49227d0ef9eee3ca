/*
 * `npm run bench -- start`: `npm start` as a small city runs it (the compiled
 * portal on SQLite, demo city, worker inside), on a data folder of its own,
 * then 10,000 requests from 16 connections over the pages residents and
 * agents open most; prints req/s per page, errors, and the server's RSS
 * before and after (goal: ≤ 200 MB after 10,000 requests). Baseline in the
 * same run: a bare node:http server answering the same number of requests.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { rssMb } from './support/app.js'
import { BenchBrowser } from './support/http_client.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const PORT = Number(process.env.BENCH_PORT ?? 4391)
const BASE = `http://127.0.0.1:${PORT}`
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000)
const CONNECTIONS = 16
const dataDir = `${root}tmp/bench-start-data`

/** Sends `total` GETs over `CONNECTIONS` concurrent loops; returns req/s and errors. */
async function load(paths: string[], total: number, base: string) {
  let sent = 0
  let errors = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (sent < total) {
        const path = paths[sent++ % paths.length]
        try {
          const response = await fetch(base + path, {
            headers: { accept: 'text/html' },
            redirect: 'manual',
          })
          await response.arrayBuffer()
          if (response.status >= 500 || response.status === 429) errors++
        } catch {
          errors++
        }
      }
    })
  )
  return { perSecond: total / ((performance.now() - started) / 1000), errors }
}

const bare = createServer((_request, response) => response.end('ok'))
await new Promise<void>((resolve) => bare.listen(PORT + 1, '127.0.0.1', resolve))
const baseline = await load(['/'], 2000, `http://127.0.0.1:${PORT + 1}`)
bare.close()

rmSync(dataDir, { recursive: true, force: true })
// `npm start` itself (package.json sets V8's heap flags), in a process group of its own.
const server = spawn('npm', ['start'], {
  cwd: root,
  detached: true,
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    HOST: '127.0.0.1',
    PORT: String(PORT),
    DATA_DIR: dataDir,
    PARVIS_DEMO: 'true',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
let banner = ''
server.stdout!.on('data', (chunk) => (banner += chunk))
try {
  for (let attempt = 0; ; attempt++) {
    if (attempt > 1200) throw new Error('npm start did not answer within 5 minutes')
    try {
      if ((await fetch(`${BASE}/health`)).ok) break
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const resident = new BenchBrowser(BASE, '10.1.0.1')
  await resident.request('GET', '/connexion')
  // The demo resident, as the start banner prints it.
  const [, email, password] = /([\w.]+@example\.org) \/ (\S+)/.exec(banner)!
  const login = await resident.request('POST', '/connexion', { email, password })
  if (login.status !== 303) throw new Error(`the demo resident could not log in (${login.status})`)
  // The portal's process: the node running bin/start.js in npm's group.
  const portalPid = Number(
    execFileSync('pgrep', ['-g', String(server.pid), '-f', '^node .*bin/start.js'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)
  )
  const rssBefore = rssMb(portalPid)
  const anonymous = ['/', '/demarches', '/health', '/connexion', '/une-page-inconnue']
  const results: [string, { perSecond: number; errors: number }][] = []
  for (const path of anonymous)
    results.push([path, await load([path], Math.round(REQUESTS / 6), BASE)])
  // The resident's own pages, logged in (the cookie jar of the bench browser).
  let residentErrors = 0
  const residentStarted = performance.now()
  const residentRequests = REQUESTS - Math.round(REQUESTS / 6) * anonymous.length
  for (let index = 0; index < residentRequests; index++) {
    const { status } = await resident.request(
      'GET',
      index % 2 ? '/mon-espace' : '/mon-espace/demandes'
    )
    if (status !== 200) residentErrors++
  }
  results.push([
    '/mon-espace (+ /demandes, one connection)',
    {
      perSecond: residentRequests / ((performance.now() - residentStarted) / 1000),
      errors: residentErrors,
    },
  ])
  const rssAfter = rssMb(portalPid)

  console.log(`bare node:http: ${baseline.perSecond.toFixed(0)} req/s (baseline)`)
  for (const [path, { perSecond, errors }] of results)
    console.log(
      `${path}: ${perSecond.toFixed(0)} req/s, ratio ${(perSecond / baseline.perSecond).toFixed(4)}, errors ${errors}`
    )
  console.log(
    `RSS: ${rssBefore.toFixed(0)} MB after start, ${rssAfter.toFixed(0)} MB after ${REQUESTS} requests (goal ≤ 200 MB)`
  )
} finally {
  process.kill(-server.pid!, 'SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
