import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { mailbox } from '#tests/support/smtp'
import { GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import databaseConfig from '#config/database'

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Waits until the server answers /health, or fails with what it printed. */
async function waitForServer(base: string, child: ChildProcess, output: () => string) {
  const deadline = performance.now() + 60_000
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited (${child.exitCode}):\n${output()}`)
    try {
      if ((await fetch(`${base}/health`)).status < 500) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`The server did not answer within a minute:\n${output()}`)
}

/** Cookies set by a response, as a Cookie header. */
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')

test.group('Links follow the port the portal is served on', () => {
  test('a server started with another PORT and no APP_URL, from the .env of a fresh clone, sends mail links on that port', async ({
    assert,
  }) => {
    // The .env a fresh clone gets: .env.example with a key (bin/prepare_env.js), nothing else.
    const envDir = app.makePath('tmp', `fresh-clone-env-${process.pid}`)
    await mkdir(envDir, { recursive: true })
    const template = await readFile(app.makePath('.env.example'), 'utf8')
    await writeFile(
      `${envDir}/.env`,
      template.replace(/^APP_KEY=.*$/m, 'APP_KEY=a-key-for-the-child-server-of-this-test-000001')
    )

    const port = await freePort()
    const env: NodeJS.ProcessEnv = { ...process.env, ...clock.environment() }
    delete env.APP_URL
    Object.assign(env, {
      ENV_PATH: envDir,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      // The child sends its mails itself, through the test suite's SMTP server (SMTP_* inherited).
      JOBS_IN_PROCESS: 'true',
      SESSION_DRIVER: 'memory',
      LOG_LEVEL: 'error',
      // The suite's own (migrated) database, not a developer's tmp/db.sqlite3: the server refuses an unmigrated one.
      SQLITE_PATH: (databaseConfig.connections.sqlite.connection as { filename: string }).filename,
    })
    let output = ''
    const child = spawn(
      process.execPath,
      ['--import=ts-node-maintained/register/esm', 'bin/server.ts'],
      { cwd: app.makePath(), env, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    const base = `http://127.0.0.1:${port}`
    try {
      await waitForServer(base, child, () => output)

      const form = await fetch(`${base}/inscription`)
      const cookies = cookiesOf(form)
      const csrf = (await form.text()).match(/name=['"]_csrf['"] value=['"]([^'"]+)/)![1]
      const registered = await fetch(`${base}/inscription`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookies },
        body: new URLSearchParams({
          _csrf: csrf,
          firstName: 'Léa',
          lastName: 'Port',
          email: 'lea.port@example.org',
          password: GOOD_PASSWORD,
        }),
      })
      assert.equal(registered.status, 303, output)

      // Sent by the child's own worker: this process only reads the SMTP server's inbox.
      let mail = mailbox.for('lea.port@example.org')[0]
      for (let waited = 0; !mail && waited < 20_000; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        mail = mailbox.for('lea.port@example.org')[0]
      }
      assert.exists(mail, `no mail within 20 s:\n${output}`)
      const link = mailbox.linkIn(mail, '/inscription/verification/')
      assert.isTrue(link.startsWith(`${base}/inscription/verification/`), link)
      const opened = await fetch(link, { redirect: 'manual' })
      assert.equal(opened.status, 303)
      assert.equal(opened.headers.get('location'), '/connexion')
    } finally {
      child.kill('SIGTERM')
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
      await rm(envDir, { recursive: true, force: true })
    }
  }).timeout(120_000)
})
