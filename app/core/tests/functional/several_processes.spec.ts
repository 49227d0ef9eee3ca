import { test } from '@japa/runner'
import pg from 'pg'
import {
  buildForProduction,
  CookieJar,
  csrfToken,
  freePort,
  productionInstall,
  type ProductionInstall,
} from '#tests/support/production'
import { startTestS3Server, type TestS3Server } from '#tests/support/s3'
import { mailbox } from '#tests/support/smtp'

const PASSWORD = 'Verre-Clair-Lanterne-42'
const METRICS_TOKEN = 'jeton-de-prometheus-0123456789'
const onPostgres = (process.env.DB_CONNECTION ?? 'sqlite') === 'pg'

/** A small PDF whose bytes say which one it is. */
function pdf(label: string) {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`)
}

/** A statement on the install's own database (not the test suite's). */
async function onInstallDatabase(install: ProductionInstall, statement: string) {
  const client = new pg.Client({
    host: install.env.DB_HOST,
    port: Number(install.env.DB_PORT),
    user: install.env.DB_USER,
    password: install.env.DB_PASSWORD,
    database: install.env.DB_DATABASE,
  })
  await client.connect()
  try {
    return (await client.query(statement)).rows
  } finally {
    await client.end()
  }
}

/** parvis:admin, the link, a password, the login form: an agent's browser, logged in. */
async function loggedInAdmin(install: ProductionInstall, url: string) {
  const admin = install.ace(['parvis:admin', 'accueil@ville.example'])
  if (admin.status !== 0) throw new Error(admin.stderr)
  const link = admin.stdout.trim().split('\n').pop()!
  const browser = new CookieJar()
  const form = await browser.fetch(link)
  await browser.fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrfToken(await form.text()),
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    }).toString(),
  })
  const login = await browser.fetch(`${url}/agents/connexion`)
  const loggedIn = await browser.fetch(`${url}/agents/connexion`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrfToken(await login.text()),
      email: 'accueil@ville.example',
      password: PASSWORD,
    }).toString(),
  })
  if (loggedIn.status !== 303) throw new Error(`login answered ${loggedIn.status}`)
  return browser
}

/** The JSON log lines the processes printed (production logs one object a line). */
function logLines(install: ProductionInstall): Record<string, unknown>[] {
  return install
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line)]
      } catch {
        return []
      }
    })
}

test.group(
  'Several processes: two web servers and a worker, one PostgreSQL, one S3 store',
  (group) => {
    let install: ProductionInstall | null = null
    let s3: TestS3Server | null = null
    group.each.teardown(async () => {
      await install?.stop()
      await s3?.stop()
      install = null
      s3 = null
    })

    test('a file uploaded through one server is downloaded through the other, and mailed by the worker', async ({
      assert,
    }) => {
      s3 = await startTestS3Server()
      await buildForProduction()
      install = await productionInstall('multiproc_test', {
        ...s3.env,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: process.env.SMTP_PORT!,
        SMTP_IGNORE_TLS: 'true',
        JOBS_IN_PROCESS: 'false',
        METRICS_TOKEN,
        LOG_LEVEL: 'info',
      })
      const migrate = install.ace(['migration:run', '--force'])
      assert.equal(migrate.status, 0, migrate.stderr)

      // Two app servers behind a load balancer (here, the test picks one) and one worker.
      // The second one reaches PostgreSQL through its Unix socket, as a
      // server on the database's own machine would (README, "Production").
      const [{ unix_socket_directories: socketDirectories }] = await onInstallDatabase(
        install,
        'show unix_socket_directories'
      )
      const socketDirectory = String(socketDirectories).split(',')[0].trim()
      assert.match(socketDirectory, /^\//, 'PostgreSQL listens on a Unix socket')
      const first = await install.startServer()
      const second = await install.startServer({
        port: await freePort(),
        env: { DB_HOST: socketDirectory },
      })
      await install.startWorker()
      const agent = await loggedInAdmin(install, first)
      await onInstallDatabase(
        install,
        `INSERT INTO agent_services (agent_id, service_id)
       SELECT agents.id, services.id FROM agents, services WHERE services.slug = 'accueil'`
      )

      // At the counter, through the first server: a question with a document attached.
      const counter = await agent.fetch(`${first}/agents/demandes/nouvelle/nous-contacter`)
      const filing = new FormData()
      filing.set('_csrf', csrfToken(await counter.text()))
      filing.set('origin', 'counter')
      filing.set('applicant[firstName]', 'Jeanne')
      filing.set('applicant[lastName]', 'Sans-Compte')
      filing.set('applicant[email]', 'jeanne.multi@example.org')
      filing.set('topic', 'documents')
      filing.set('subject', 'Justificatif')
      filing.set('message', 'Voici mon justificatif de domicile.')
      const residentPdf = pdf('justificatif de Jeanne')
      filing.set('attachment', new Blob([residentPdf], { type: 'application/pdf' }), 'domicile.pdf')
      const filed = await agent.fetch(`${first}/agents/demandes/nouvelle/nous-contacter`, {
        method: 'POST',
        body: filing,
      })
      assert.equal(filed.status, 303, await filed.text())
      const demandPath = filed.headers.get('location')!
      assert.match(demandPath, /^\/agents\/demandes\/\d+$/)

      // Nothing on the servers' disks: the file is in the bucket.
      const keys = await s3.keys()
      assert.lengthOf(keys, 1)
      assert.match(keys[0], /^demands\/\d+\/[0-9a-f-]+\.pdf$/)

      // Through the second server: the same session (kept in the database) and the same file.
      const page = await agent.fetch(`${second}${demandPath}`)
      assert.equal(page.status, 200)
      const html = await page.text()
      const fileLink = new RegExp(`${demandPath}/fichiers/\\d+`).exec(html)?.[0]
      assert.exists(fileLink, 'the demand page links to its file')
      const download = await agent.fetch(`${second}${fileLink}`)
      assert.equal(download.status, 200)
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), residentPdf)
      // The second server's connections are the install's only ones without a client address: a Unix socket's.
      const [{ total: socketConnections }] = await onInstallDatabase(
        install,
        `SELECT count(*)::int AS total FROM pg_stat_activity
         WHERE datname = current_database() AND client_addr IS NULL AND pid <> pg_backend_pid()`
      )
      assert.isAbove(socketConnections, 0)

      // The agent answers through the second server with a document; the worker mails it.
      const reply = new FormData()
      reply.set('_csrf', csrfToken(html))
      reply.set('body', 'Voici l’attestation demandée.')
      const cityPdf = pdf('attestation de la ville')
      reply.set('attachments', new Blob([cityPdf], { type: 'application/pdf' }), 'attestation.pdf')
      const answered = await agent.fetch(`${second}${demandPath}/message`, {
        method: 'POST',
        body: reply,
        headers: { 'x-request-id': 'lb-4f2a-reponse' },
      })
      assert.equal(answered.status, 303, await answered.text())
      assert.equal(answered.headers.get('x-request-id'), 'lb-4f2a-reponse')
      assert.lengthOf(await s3.keys(), 2)

      const mail = await mailbox.receive('jeanne.multi@example.org', /Nouveau message/, 30_000)
      assert.lengthOf(mail.attachments, 1)
      assert.equal(mail.attachments[0].filename, 'attestation.pdf')
      assert.deepEqual(Buffer.from(mail.attachments[0].content), cityPdf)

      // The worker's log lines for the jobs that request caused carry its id.
      // (the mail may arrive before the worker writes its line: it logs once the job is recorded)
      const jobsDone = () =>
        logLines(install!)
          .filter((line) => line.request_id === 'lb-4f2a-reponse' && line.msg === 'job done')
          .map((line) => line.name)
      for (let wait = 0; wait < 50 && !jobsDone().includes('send_mail'); wait++)
        await new Promise((resolve) => setTimeout(resolve, 100))
      assert.includeMembers(jobsDone(), ['mail_demand_updates', 'send_mail'])

      // Prometheus scrapes each server; the second one served the download.
      assert.equal((await fetch(`${second}/metrics`)).status, 401)
      const scrape = await fetch(`${second}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
      assert.equal(scrape.status, 200)
      const metrics = await scrape.text()
      assert.include(
        metrics,
        'parvis_http_request_duration_seconds_count{method="GET",route="/agents/demandes/:id/fichiers/:fileId",status="2xx"} 1'
      )
      assert.match(metrics, /^nodejs_eventloop_lag_seconds \d/m)
    })
      .skip(!onPostgres, 'several processes share one PostgreSQL: SQLite installs run one process')
      .timeout(600_000)
  }
)
