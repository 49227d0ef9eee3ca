import 'reflect-metadata'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ignitor } from '@adonisjs/core'
import pg from 'pg'

const APP_ROOT = new URL('../../', import.meta.url)

/**
 * Boots the application (providers, config, procedures) without the HTTP
 * server, on a database of its own that is created and migrated from
 * scratch, so a benchmark never touches development or test data.
 */
export async function bootApp(options: { connection: 'pg' | 'sqlite'; database: string }) {
  process.env.DB_CONNECTION = options.connection
  process.env.APP_KEY ??= 'bench-only-key-0123456789abcdef0123'
  process.env.SESSION_DRIVER ??= 'memory'
  if (options.connection === 'pg') {
    process.env.DB_DATABASE = options.database
    const admin = new pg.Client({
      host: process.env.DB_HOST ?? '127.0.0.1',
      port: Number(process.env.DB_PORT ?? 5432),
      user: process.env.DB_USER ?? 'postgres',
      password: process.env.DB_PASSWORD ?? '',
      database: 'postgres',
    })
    await admin.connect()
    await admin.query(`drop database if exists "${options.database}"`)
    await admin.query(`create database "${options.database}"`)
    await admin.end()
  } else {
    process.env.SQLITE_PATH = options.database
  }
  execFileSync(process.execPath, ['ace', 'migration:run', '--force'], {
    cwd: new URL('.', APP_ROOT).pathname,
    env: process.env,
    stdio: 'ignore',
  })

  const ignitor = new Ignitor(APP_ROOT, {
    importer: (filePath: string) =>
      filePath.startsWith('./') || filePath.startsWith('../')
        ? import(new URL(filePath, APP_ROOT).href)
        : import(filePath),
  })
  const app = ignitor.createApp('console')
  app.booting(async () => {
    await import('#start/env')
  })
  await app.init()
  await app.boot()
  await app.start(async () => {})
  return app
}

/** Milliseconds of `runs` calls of `fn`, after `warmup` unmeasured ones. */
export async function timings(fn: () => Promise<unknown>, runs: number, warmup = 10) {
  for (let index = 0; index < warmup; index++) await fn()
  const samples: number[] = []
  for (let index = 0; index < runs; index++) {
    const start = process.hrtime.bigint()
    await fn()
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return samples.sort((a, b) => a - b)
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/**
 * CPU milliseconds (user + system) a process has used so far, read from
 * /proc (Linux clock ticks are 1/100 s); NaN once it has gone.
 */
export function processCpuMs(pid: number | undefined) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return Number.NaN
  }
}

/** A process's resident memory in MB, read from /proc. */
export function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

/** CPU milliseconds used so far by every PostgreSQL process of this machine (server and backends). */
export function postgresCpuMs() {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue
    } catch {
      continue
    }
    const ms = processCpuMs(Number(entry))
    if (!Number.isNaN(ms)) total += ms
  }
  return total
}

/**
 * The production build of the current sources (`bin/build.js`, as `npm
 * start` and `npm run build` make it: compiled only when the sources
 * changed), for benches that measure what a city runs rather than the
 * TypeScript sources under a loader.
 */
/** BENCH_SERVER_ARGS: node flags for the servers a bench starts (e.g. `--cpu-prof --cpu-prof-dir=tmp/profiles`). */
export function benchServerArgs() {
  return (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)
}

export function productionBuild() {
  const root = fileURLToPath(APP_ROOT)
  const build = spawnSync(process.execPath, ['bin/build.js'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`The build failed:\n${build.stdout}\n${build.stderr}`)
  return `${root}build/`
}

/**
 * Starts the real server process on this database and port, and waits until
 * /health answers: the TypeScript sources, or the compiled server of a build
 * folder (`build`, the output of `npm run build`).
 */
export async function startServer(options: {
  database: string
  port: number
  env?: Record<string, string>
  nodeArgs?: string[]
  build?: string
}) {
  const base = `http://127.0.0.1:${options.port}`
  const entry = options.build
    ? ['bin/server.js']
    : ['--import=ts-node-maintained/register/esm', 'bin/server.ts']
  const server = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: options.build,
    env: {
      ...process.env,
      DB_CONNECTION: 'pg',
      DB_DATABASE: options.database,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      APP_URL: base,
      NODE_ENV: 'production',
      JOBS_IN_PROCESS: 'false',
      LOG_LEVEL: 'error',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break
    } catch {}
    if (tries > 120) {
      server.kill('SIGTERM')
      throw new Error('The server did not start')
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const exited = new Promise((resolve) => server.once('exit', resolve))
  return {
    base,
    pid: server.pid!,
    stop: () => server.kill('SIGTERM'),
    /** Stops the server and waits for its exit (a CPU profile is written then). */
    stopAndWait: async () => {
      server.kill('SIGTERM')
      await exited
    },
  }
}
