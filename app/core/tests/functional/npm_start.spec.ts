import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { DEMO_PASSWORD, DEMO_RESIDENT } from '#core/demo/demo_city'
import { engineOf } from '#core/database/dialect'
import { buildForProduction, CookieJar, csrfToken, freePort } from '#tests/support/production'

/**
 * `npm start` as the README gives it, on a data folder of its own, with
 * nothing from the test's environment but PATH and HOME: the checkout's
 * `.env` decides the rest, as on a fresh clone.
 */
class NpmStart {
  output = ''
  #process: ChildProcess | null = null

  constructor(
    readonly port: number,
    readonly dataDir: string
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  async start() {
    this.output = ''
    const child = spawn('npm', ['start'], {
      cwd: app.makePath(),
      // Its own process group: npm, the shell and the portal stop together.
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        PARVIS_DEMO: 'true',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.#process = child
    child.stdout!.on('data', (chunk) => (this.output += chunk))
    child.stderr!.on('data', (chunk) => (this.output += chunk))
    for (let attempt = 0; attempt < 480; attempt++) {
      if (child.exitCode !== null) throw new Error(`npm start stopped:\n${this.output}`)
      try {
        if ((await fetch(`${this.url}/health`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    throw new Error(`npm start did not answer within two minutes:\n${this.output}`)
  }

  /** The files the portal's process has mapped (its code and native libraries), read from /proc. */
  mappedFiles() {
    const group = this.#process!.pid!
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        const processGroup = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
        // Node itself, not the shell npm runs it through (`sh -c node … bin/start.js`).
        const [program, ...args] = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
        if (processGroup === group && /(^|\/)node$/.test(program) && args.includes('bin/start.js'))
          return readFileSync(`/proc/${entry}/maps`, 'utf8')
      } catch {
        // a process that ended meanwhile
      }
    }
    throw new Error(`No bin/start.js process in the group of npm start:\n${this.output}`)
  }

  async stop() {
    const child = this.#process
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    process.kill(-child.pid!, 'SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
  }
}

async function logInAsDemoResident(portal: NpmStart) {
  const browser = new CookieJar()
  const form = await browser.fetch(`${portal.url}/connexion`)
  const login = await browser.fetch(`${portal.url}/connexion`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrfToken(await form.text()),
      email: DEMO_RESIDENT.email,
      password: DEMO_PASSWORD,
    }).toString(),
  })
  return { browser, login }
}

test.group('npm start', (group) => {
  // What runs here runs in production mode, where the app refuses a moved clock:
  // CI's fixed-moment run leaves it out (.ci/run, --tags='~@production').
  group.tap((each) => each.tags(['@production'], 'append'))
  let portal: NpmStart | null = null
  group.each.teardown(async () => {
    await portal?.stop()
    if (portal) rmSync(portal.dataDir, { recursive: true, force: true })
    portal = null
  })

  test('serves the compiled portal in production mode on SQLite, seeds the demo once and keeps the data outside build/', async ({
    assert,
  }) => {
    await buildForProduction()
    portal = new NpmStart(await freePort(), app.makePath('tmp', 'npm-start-data'))
    rmSync(portal.dataDir, { recursive: true, force: true })
    await portal.start()

    assert.include(portal.output, 'Demo city seeded')
    assert.include(portal.output, `${DEMO_RESIDENT.email} / ${DEMO_PASSWORD}`)
    assert.include(portal.output, `${portal.url}/agents/connexion`)

    // The portal's own 404 page: no debug page, no stack trace.
    const unknown = await fetch(`${portal.url}/une-adresse-qui-n-existe-pas`)
    assert.equal(unknown.status, 404)
    const page = await unknown.text()
    assert.include(page, '<html lang="fr"')
    assert.include(page, 'Page introuvable')
    assert.notMatch(page, /node_modules|\.ts:\d+|\.js:\d+|youch|Stack/i)

    // Over plain HTTP (a laptop, a LAN address), the production cookies still log in.
    const { browser, login } = await logInAsDemoResident(portal)
    assert.equal(login.status, 303)
    const space = await browser.fetch(`${portal.url}/mon-espace`)
    assert.equal(space.status, 200)
    assert.include(await space.text(), DEMO_RESIDENT.firstName)

    // sharp (libvips, some 19 MB of memory) comes with the first photo sent, not with every page.
    assert.notInclude(
      portal.mappedFiles(),
      'libvips',
      'the portal loaded photo processing without a photo'
    )

    assert.isTrue(existsSync(`${portal.dataDir}/parvis.sqlite3`))
    assert.isFalse(existsSync(app.makePath('build', 'data')))

    // A second start keeps the city as it was and seeds nothing again.
    await portal.stop()
    await portal.start()
    assert.notInclude(portal.output, 'Demo city seeded')
    assert.equal((await logInAsDemoResident(portal)).login.status, 303)
  })
    .timeout(600_000)
    // npm start runs on its own SQLite file whatever the suite's engine (nothing of the test's
    // environment reaches it): on the PostgreSQL run it would repeat the SQLite run's test.
    .skip(
      engineOf() !== 'sqlite',
      'npm start runs on SQLite whatever the suite runs on: the SQLite run covers it'
    )
})
