import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync, symlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { randomBytes } from 'node:crypto'
import { postgresClient } from '#tests/support/database'
import app from '@adonisjs/core/services/app'

/**
 * Runs the README's production steps for real: the compiled portal in
 * build/ (compiled once per set of sources, see bin/build.js), on a
 * database of its own, with NODE_ENV=production and nothing from the test
 * process's environment but PATH.
 */
export async function buildForProduction() {
  const run = spawnSync(process.execPath, ['bin/build.js'], {
    cwd: app.makePath(),
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`)
  // README: `cd build && npm ci --omit=dev` installs these same packages; the
  // test borrows the checkout's instead of downloading them again.
  if (!existsSync(app.makePath('build/node_modules')))
    symlinkSync(app.makePath('node_modules'), app.makePath('build/node_modules'), 'dir')
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
  })
}

export async function postgres(statement: string) {
  const client = await postgresClient('postgres')
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

export interface ProductionInstall {
  env: Record<string, string>
  url: string
  /** runs `node ace …` in build/ as an operator would; resolves with its output */
  ace(args: string[]): { status: number | null; stdout: string; stderr: string }
  /** starts `node bin/server.js` (on the install's port, or another one, with settings of its own); resolves with its URL once /health answers */
  startServer(options?: { port?: number; env?: Record<string, string> }): Promise<string>
  /** starts `node ace jobs:work`; resolves once it says it started */
  startWorker(): Promise<void>
  /** what every process started so far printed (JSON log lines in production) */
  output(): string
  stop(): Promise<void>
}

/**
 * A new empty database and the environment an operator would set (README,
 * "Production"): PostgreSQL when the suite runs on it, else a SQLite file, as
 * a small city runs it.
 */
export async function productionInstall(
  name: string,
  extraEnv: Record<string, string> = {}
): Promise<ProductionInstall> {
  const onPostgres = (process.env.DB_CONNECTION ?? 'sqlite') === 'pg'
  const database = `parvis_${name}`
  const sqlitePath = app.makePath('tmp', `${name}.sqlite3`)
  const dropDatabase = async () => {
    if (onPostgres) await postgres(`drop database if exists "${database}" with (force)`)
    else for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true })
  }
  await dropDatabase()
  if (onPostgres) await postgres(`create database "${database}"`)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    NODE_ENV: 'production',
    APP_KEY: randomBytes(32).toString('base64url'),
    APP_URL: url,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...(onPostgres
      ? {
          DB_CONNECTION: 'pg',
          DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
          DB_PORT: process.env.DB_PORT ?? '5432',
          DB_USER: process.env.DB_USER ?? 'postgres',
          DB_PASSWORD: process.env.DB_PASSWORD ?? '',
          DB_DATABASE: database,
        }
      : { DB_CONNECTION: 'sqlite', SQLITE_PATH: sqlitePath }),
    ...extraEnv,
  }
  const cwd = app.makePath('build')
  const processes: ChildProcess[] = []
  let output = ''
  const launch = (args: string[], processEnv: Record<string, string> = {}) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...env, ...processEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    processes.push(child)
    return child
  }
  const stopProcess = async (child: ChildProcess) => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  return {
    env,
    url,
    ace(args) {
      const result = spawnSync(process.execPath, ['ace', ...args], {
        cwd,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      })
      return { status: result.status, stdout: result.stdout, stderr: result.stderr }
    },
    output: () => output,
    async startServer(options = {}) {
      const serverPort = options.port ?? port
      const serverUrl = `http://127.0.0.1:${serverPort}`
      const server = launch(['bin/server.js'], { ...options.env, PORT: String(serverPort) })
      for (let attempt = 0; attempt < 240; attempt++) {
        if (server.exitCode !== null) throw new Error(`The server stopped at start:\n${output}`)
        try {
          if ((await fetch(`${serverUrl}/health`)).ok) return serverUrl
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      throw new Error(`The server did not answer within a minute:\n${output}`)
    },
    async startWorker() {
      const worker = launch(['ace', 'jobs:work', '--poll-interval=100'])
      for (let attempt = 0; attempt < 240; attempt++) {
        if (worker.exitCode !== null) throw new Error(`jobs:work stopped at start:\n${output}`)
        if (/worker \S+ started/.test(output)) return
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      throw new Error(`jobs:work did not start within a minute:\n${output}`)
    },
    async stop() {
      await Promise.all(processes.map(stopProcess))
      await dropDatabase()
    },
  }
}

/**
 * A browser's cookie jar, minus the Secure rule: the production server marks
 * its cookies Secure (HTTPS in production) while the test speaks plain HTTP
 * on loopback.
 */
export class CookieJar {
  #cookies = new Map<string, string>()

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1).trim()
      const expired =
        attributes.some((attribute) => /^\s*max-age=0$/i.test(attribute)) || value === ''
      if (expired) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  async fetch(url: string, init: RequestInit = {}) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.header() },
    })
    this.store(response)
    return response
  }
}

/** The CSRF token of the first form of a page (csrfField() writes single quotes). */
export function csrfToken(html: string) {
  const match = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(html)
  if (!match) throw new Error('No CSRF field in the page')
  return match[1]
}
