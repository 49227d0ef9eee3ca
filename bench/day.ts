/*
 * `npm run bench -- day` (PostgreSQL): Évry-Courcouronnes' busiest day × 10,
 * replayed in compressed time against the production build (build/, as
 * `npm run build` makes it): two web processes (`node bin/server.js` on two
 * ports, a round-robin in this load generator standing for the load
 * balancer) and one worker (`node ace jobs:work`), on one PostgreSQL
 * database created for the run (the demo city, plus the people below).
 *
 * The day, at BENCH_DAY_SCALE = 10 (every count below is per unit of scale):
 * - 625 filings per unit (6,250): the "Nous contacter" procedure through its
 *   real forms (start page, draft, step, review, submit, receipt), three in
 *   four by a logged-in resident (cookies, CSRF tokens), one in four by a
 *   visitor without an account (contact details page as well).
 * - 10,000 page views per unit (100,000), in these proportions:
 *     home page `/`                                   14 %
 *     catalogue `/demarches`                          18 %
 *     forms: a procedure's start page `/demarches/x`  14 %
 *     resident space: `/mon-espace` 8 %, `/mon-espace/demandes` 8 %,
 *       a demand's page `/mon-espace/demandes/:id` 6 %             22 %
 *     agents' inbox `/agents/demandes`                18 %
 *     agents' demand pages `/agents/demandes/:id`     14 %
 *   Residents and agents log in (POST /connexion) the first time they act.
 * - 9:00, the release of 100 pick-up slots (bench/rush.ts): 50 clients per
 *   unit (500) arrive over the quarter of an hour that follows.
 * - 14:00, a month's canteen invoicing for 500 families per unit (5,000),
 *   enqueued by the enfance agent, who holds the permission, from the
 *   back office; the worker issues the invoices and mails them.
 * - History: BENCH_DAY_HISTORY demands (default 50,000, some three months of
 *   the real city) are in the database before the day starts.
 * Traffic over the day follows a portal's hourly profile (HOURLY below: quiet
 * at night, peaks mid-morning and mid-afternoon). The day is compressed into
 * BENCH_DAY_MINUTES of wall time; think times between a visitor's pages are
 * compressed the same way. Requests are open-loop (sent at their time,
 * whatever the server's state), each with its own client address in
 * X-Forwarded-For (TRUSTED_PROXIES=loopback: the servers believe it), so the
 * rate limits per address hold as in real life.
 *
 * Prints the effective request rate, p50/p95/p99 and errors (5xx, timeouts,
 * unexpected statuses) per kind of request, the jobs left once the worker
 * has drained the table (up to BENCH_DAY_DRAIN_SECONDS), and the CPU seconds
 * of each server, the worker, PostgreSQL's backends and this load generator
 * over the replay. Targets: p95 ≤ 300 ms for every kind, 0 errors, every job
 * done at the end. The machine is shared: figures are noisy.
 *
 * Sizing: at ×1 (BENCH_DAY_SCALE=1) the portal's processes spent about
 * 180 CPU seconds on the day (servers and worker, plus some 20 for
 * PostgreSQL and 40 for this generator) on a machine loaded by others, so
 * ×10 needs some 2,000 CPU seconds: about 17 minutes of both cores. The
 * default (×10 in 20 minutes) is for an otherwise idle machine; a few
 * minutes' run is BENCH_DAY_SCALE=1 BENCH_DAY_MINUTES=5. BENCH_BUILD runs a build
 * folder (e.g. one compiled from an older commit, for a before/after) instead
 * of building the working tree; BENCH_SERVER_ARGS, node flags for the two web
 * processes (e.g. `--cpu-prof --cpu-prof-dir=tmp/profiles`, written under the
 * build folder).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, symlinkSync } from 'node:fs'
import { resolve as resolvePath } from 'node:path'
import { DateTime } from 'luxon'
import {
  benchServerArgs,
  bootApp,
  percentile,
  processCpuMs,
  productionBuild,
} from './support/app.js'
import { BenchBrowser } from './support/http_client.js'

const SCALE = Number(process.env.BENCH_DAY_SCALE ?? 10)
const MINUTES = Number(process.env.BENCH_DAY_MINUTES ?? 20)
const HISTORY = Number(process.env.BENCH_DAY_HISTORY ?? 50_000)
const DRAIN_SECONDS = Number(process.env.BENCH_DAY_DRAIN_SECONDS ?? 300)
const TIMEOUT_MS = Number(process.env.BENCH_DAY_TIMEOUT_MS ?? 10_000)
const DATABASE = process.env.BENCH_DATABASE ?? 'parvis_bench_day'
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 4181)
const PORTS = [FIRST_PORT, FIRST_PORT + 1]
const TARGET_P95_MS = 300
/** The hour of the day the slots are released (9:00): the report also gives each kind's p95 without it. */
const RELEASE_HOUR = 9

const FILINGS = Math.round(625 * SCALE)
const PAGE_VIEWS = Math.round(10_000 * SCALE)
const RUSH_CLIENTS = Math.round(50 * SCALE)
const FAMILIES = Math.round(500 * SCALE)
const RESIDENTS = Math.round(200 * SCALE)
const AGENTS = Math.max(2, Math.round(3 * SCALE))
const ANONYMOUS_FILINGS = 0.25
const PASSWORD = 'bench-day-password-2026'

/** Share of the day's traffic in each hour, 00:00 to 23:00 (normalised below). */
const HOURLY = [
  0.5, 0.3, 0.2, 0.2, 0.2, 0.4, 1, 2.5, 5, 8, 8, 7.5, 6, 6, 7, 7, 6.5, 6, 5.5, 5, 4.5, 3.5, 2.5,
  1.2,
]
const PAGE_MIX: [PageKind, number][] = [
  ['home', 14],
  ['catalogue', 18],
  ['form start page', 14],
  ['resident: space', 8],
  ['resident: demands', 8],
  ['resident: a demand', 6],
  ['agent: inbox', 18],
  ['agent: a demand', 14],
]
type PageKind =
  | 'home'
  | 'catalogue'
  | 'form start page'
  | 'resident: space'
  | 'resident: demands'
  | 'resident: a demand'
  | 'agent: inbox'
  | 'agent: a demand'

const DAY_SECONDS = 86_400
const WALL_SECONDS = MINUTES * 60
const COMPRESSION = DAY_SECONDS / WALL_SECONDS
/** Real seconds between two pages of one visitor, before compression. */
const THINK_SECONDS = 20

/** BENCH_BUILD: a build folder (e.g. one compiled from an older commit) instead of building the working tree. */
const BUILD = process.env.BENCH_BUILD
  ? `${resolvePath(process.env.BENCH_BUILD)}/`
  : new URL('../build/', import.meta.url).pathname
const ROOT = new URL('../', import.meta.url).pathname

// ---------------------------------------------------------------- set-up
let started = Date.now()
const app = await bootApp({ connection: 'pg', database: DATABASE })
const db = (await import('@adonisjs/lucid/services/db')).default
const hash = (await import('@adonisjs/core/services/hash')).default
const { insertDemands } = await import('./support/demands.js')
const { seedDemoCity, CITY_SERVICES, DEMO_PASSWORD } = await import('#core/demo/demo_city')
const { dbTimestamp } = await import('#core/database/dialect')
const MeetingPoint = (await import('#appointments/models/meeting_point')).default
const OpeningRange = (await import('#appointments/models/opening_range')).default
const Closure = (await import('#appointments/models/closure')).default
const MeetingType = (await import('#appointments/models/meeting_type')).default
const { availableSlots } = await import('#appointments/services/slots')
const { isPublicHoliday } = await import('#core/services/french_calendar')

await db.transaction((trx) => seedDemoCity(trx))
const now = dbTimestamp(DateTime.now())
const hashed = await hash.make(PASSWORD)
await db.rawQuery(
  `INSERT INTO users (email, password, first_name, last_name, notify_by_email, notify_by_sms, mail_on_status_change, mail_on_message, locale, email_verified_at, created_at, updated_at)
   SELECT 'habitant' || g || '@bench.example.org', ?, 'Habitant', 'Bench' || g, true, false, true, true, 'fr', ?, ?, ? FROM generate_series(0, ? - 1) g`,
  [hashed, now, now, now, RESIDENTS]
)
await db.rawQuery(
  `INSERT INTO agents (email, password, first_name, last_name, role, active, created_at, updated_at)
   SELECT 'agent' || g || '@bench.example.org', ?, 'Agent', 'Bench' || g, 'agent', true, ?, ? FROM generate_series(0, ? - 1) g`,
  [hashed, now, now, AGENTS]
)
await db.rawQuery(
  `INSERT INTO agent_services (agent_id, service_id)
   SELECT a.id, s.id FROM agents a JOIN services s ON s.slug = 'accueil' WHERE a.email LIKE '%@bench.example.org'`
)
// The history, some of it filed by the bench's residents.
const citySlugs = CITY_SERVICES.map((service) => service.slug)
await insertDemands(1, HISTORY + 1, { services: citySlugs })
await db.rawQuery(
  `UPDATE demands d SET user_id = u.id FROM users u
   WHERE d.reference LIKE 'BEN-%' AND d.id % 4 = 0 AND u.email = 'habitant' || ((d.id / 4) % ?) || '@bench.example.org'`,
  [RESIDENTS]
)
// The canteen families (as bench/invoicing.ts): 1 to 3 children each.
const month = DateTime.now().setZone('Europe/Paris').minus({ months: 1 }).toFormat('yyyy-MM')
const year = Number(month.slice(0, 4))
const schoolYear = Number(month.slice(5)) >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`
await db.rawQuery(
  `INSERT INTO users (email, password, first_name, last_name, notify_by_email, notify_by_sms, mail_on_status_change, mail_on_message, locale, email_verified_at, created_at, updated_at)
   SELECT 'famille' || g || '@bench.example.org', 'x', 'Parent', 'Famille' || g, true, false, true, true, 'fr', ?, ?, ? FROM generate_series(1, ?) g`,
  [now, now, now, FAMILIES]
)
await db.rawQuery(
  `INSERT INTO household_members (user_id, kind, first_name, last_name, birth_date, created_at, updated_at)
   SELECT u.id, 'child', 'Enfant' || c, u.last_name, date '2017-03-01' + (c * 400), ?, ?
   FROM users u CROSS JOIN generate_series(1, 3) c WHERE u.email LIKE 'famille%@bench.example.org' AND c <= 1 + (u.id % 3)`,
  [now, now]
)
await db.rawQuery(
  `INSERT INTO childhood_canteen_registrations (household_member_id, user_id, school_year, days, status, absences, created_at, updated_at)
   SELECT m.id, m.user_id, ?, CASE WHEN m.id % 4 = 0 THEN '1,2' ELSE '1,2,4,5' END, 'active', CASE WHEN m.id % 5 = 0 THEN '["${month}-05"]' ELSE '[]' END, ?, ?
   FROM household_members m JOIN users u ON u.id = m.user_id WHERE u.email LIKE 'famille%@bench.example.org'`,
  [schoolYear, now, now]
)
await db.rawQuery(
  `INSERT INTO childhood_quotients (user_id, value, status, created_at, updated_at)
   SELECT id, (id * 37) % 1600, 'validated', ?, ? FROM users WHERE email LIKE 'famille%@bench.example.org' AND id % 4 <> 0`,
  [now, now]
)

// The slot release (bench/rush.ts): one desk, next week 09:00–12:20 in 10-minute slots.
const type = await MeetingType.updateOrCreate(
  { key: 'administration_retrait' },
  {
    label: 'Retrait de titre',
    serviceSlug: 'etat_civil',
    durationMinutes: 10,
    perPerson: false,
    maxPersons: 1,
    bookableBy: 'resident',
    minDelayHours: 1,
    maxDelayDays: 30,
    cancelDeadlineHours: 2,
    waitingList: false,
    active: true,
  }
)
await MeetingPoint.query().update({ active: false })
const point = await MeetingPoint.create({
  name: 'Mairie — ouverture des créneaux',
  addressLine: '1 place de la Mairie',
  postalCode: '91000',
  city: 'Évry-Courcouronnes',
  serviceSlug: 'etat_civil',
  desks: 1,
  active: true,
  accessNotes: null,
  latitude: null,
  longitude: null,
})
await OpeningRange.createMany(
  [1, 2, 3, 4, 5].map((weekday) => ({
    meetingPointId: point.id,
    desk: null,
    weekday,
    startsAt: '09:00',
    endsAt: '12:20',
  }))
)
let monday = DateTime.now().setZone('Europe/Paris').startOf('week').plus({ weeks: 1 })
while ([0, 1, 2, 3, 4].some((offset) => isPublicHoliday(monday.plus({ days: offset }))))
  monday = monday.plus({ weeks: 1 })
const today = DateTime.now().setZone('Europe/Paris').toISODate()!
await Closure.createMany([
  {
    meetingPointId: point.id,
    startsOn: today,
    endsOn: monday.minus({ days: 1 }).toISODate()!,
    startsAt: null,
    endsAt: null,
    reason: 'Pas encore ouvert',
  },
  {
    meetingPointId: point.id,
    startsOn: monday.plus({ days: 5 }).toISODate()!,
    endsOn: monday.plus({ days: 60 }).toISODate()!,
    startsAt: null,
    endsAt: null,
    reason: 'Pas encore ouvert',
  },
])
const released = await availableSlots(point, type, 1, today, monday.plus({ days: 40 }).toISODate()!)
await db.rawQuery('ANALYZE')

const residentDemands = new Map<number, number[]>()
for (const row of (
  await db.rawQuery(
    `SELECT d.id, u.email FROM demands d JOIN users u ON u.id = d.user_id WHERE u.email LIKE 'habitant%'`
  )
).rows as { id: number; email: string }[]) {
  const index = Number(/^habitant(\d+)@/.exec(row.email)![1])
  residentDemands.set(index, [...(residentDemands.get(index) ?? []), row.id])
}
const accueilDemands = (
  await db.rawQuery(
    `SELECT id FROM demands WHERE service_slug = 'accueil' ORDER BY submitted_at DESC LIMIT 3000`
  )
).rows.map((row: { id: number }) => row.id) as number[]
const jobsBefore = Number((await db.from('jobs').count('* as total'))[0].total)
console.log(
  `Set up in ${((Date.now() - started) / 1000).toFixed(0)} s: demo city, ${HISTORY.toLocaleString('en')} demands, ${RESIDENTS} residents, ${AGENTS} agents, ${FAMILIES.toLocaleString('en')} canteen families (month ${month}), ${released.length} slots to release.`
)

// ---------------------------------------------------------------- build and processes
started = Date.now()
if (!process.env.BENCH_BUILD) productionBuild()
if (!existsSync(`${BUILD}node_modules`)) symlinkSync(`${ROOT}node_modules`, `${BUILD}node_modules`)
console.log(`Build ready in ${((Date.now() - started) / 1000).toFixed(0)} s.`)

const processEnv = (port: number): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  TZ: 'UTC',
  NODE_ENV: 'production',
  APP_KEY: process.env.APP_KEY!,
  APP_URL: `http://127.0.0.1:${port}`,
  HOST: '127.0.0.1',
  PORT: String(port),
  LOG_LEVEL: 'error',
  DB_CONNECTION: 'pg',
  DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
  DB_PORT: process.env.DB_PORT ?? '5432',
  DB_USER: process.env.DB_USER ?? 'postgres',
  DB_PASSWORD: process.env.DB_PASSWORD ?? '',
  DB_DATABASE: DATABASE,
  SESSION_DRIVER: 'database',
  LIMITER_STORE: 'database',
  TRUSTED_PROXIES: 'loopback',
  JOBS_IN_PROCESS: 'false',
  DRIVE_ROOT: `${ROOT}tmp/bench-day-files`,
})
const children: { name: string; child: ChildProcess }[] = []
function startProcess(name: string, args: string[], port: number) {
  const child = spawn(process.execPath, args, {
    cwd: BUILD,
    env: processEnv(port),
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  children.push({ name, child })
  return child
}
async function stopAll() {
  for (const { child } of children) {
    if (child.exitCode !== null) continue
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
    if (child.exitCode === null) child.kill('SIGKILL')
  }
}
/** CPU seconds a process has used so far (0 once it has gone). */
const cpuSeconds = (pid: number | undefined) => (processCpuMs(pid) || 0) / 1000
async function postgresBackends() {
  const rows = (
    await db.rawQuery(
      `SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()`,
      [DATABASE]
    )
  ).rows as { pid: number }[]
  return new Map(rows.map(({ pid }) => [pid, cpuSeconds(pid)]))
}

try {
  for (const [index, port] of PORTS.entries())
    startProcess(`web ${index + 1} (:${port})`, [...benchServerArgs(), 'bin/server.js'], port)
  startProcess('worker', ['ace', 'jobs:work'], PORTS[0])
  for (const port of PORTS) {
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break
      } catch {}
      if (attempt > 240) throw new Error(`The server on port ${port} did not start`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }

  // ---------------------------------------------------------------- the load generator
  let turn = 0
  /** The load balancer: each request to the next web process. */
  const upstream = () => `http://127.0.0.1:${PORTS[turn++ % PORTS.length]}`
  let measuring = false
  const samples = new Map<string, number[]>()
  const errors = new Map<string, number>()
  const errorSamples: string[] = []
  const fail = (kind: string, what: string) => {
    if (!measuring) return
    errors.set(kind, (errors.get(kind) ?? 0) + 1)
    // The first two of each kind, so that one kind's flood hides no other.
    if (errorSamples.filter((line) => line.startsWith(`${kind}:`)).length < 2)
      errorSamples.push(`${kind}: ${what}`)
  }
  /** When the replay started (performance.now()), to place each request in the day. */
  let replayStart = 0
  /** Durations by the hour of the day the request was sent (all kinds), and by kind outside the release's hour. */
  const byHour: number[][] = Array.from({ length: 24 }, () => [])
  const outsideRelease = new Map<string, number[]>()
  const record = (kind: string, ms: number, sentAt: number) => {
    if (!samples.has(kind)) samples.set(kind, [])
    samples.get(kind)!.push(ms)
    const hour = Math.min(23, Math.floor((((sentAt - replayStart) / 1000) * COMPRESSION) / 3600))
    byHour[hour].push(ms)
    if (hour === RELEASE_HOUR) return
    if (!outsideRelease.has(kind)) outsideRelease.set(kind, [])
    outsideRelease.get(kind)!.push(ms)
  }
  type Expect = (status: number, location: string | null) => boolean
  const ok200: Expect = (status) => status === 200
  const seeOther =
    (prefix = '/'): Expect =>
    (status, location) =>
      status === 303 && !!location?.startsWith(prefix)

  async function hit(
    kind: string,
    browser: BenchBrowser,
    method: 'GET' | 'POST',
    path: string,
    options: { form?: Record<string, string>; expect?: Expect } = {}
  ) {
    const start = performance.now()
    try {
      const result = await browser.request(method, upstream() + path, options.form)
      const ms = performance.now() - start
      if (measuring) record(kind, ms, start)
      if (!(options.expect ?? ok200)(result.status, result.location)) {
        fail(kind, `${method} ${path} → ${result.status} ${result.location ?? ''}`.trim())
        return null
      }
      return result
    } catch (error) {
      if (measuring) record(kind, performance.now() - start, start)
      fail(
        kind,
        `${method} ${path} → ${(error as Error).name === 'TimeoutError' ? 'timeout' : error}`
      )
      return null
    }
  }
  const think = () =>
    new Promise((resolve) => setTimeout(resolve, (THINK_SECONDS * 1000) / COMPRESSION))
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]
  let addresses = 0
  const newAddress = () => {
    const n = addresses++
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
  }
  const newBrowser = () => new BenchBrowser('', newAddress(), { timeoutMs: TIMEOUT_MS })

  /** A resident or agent with a browser of their own, logged in the first time they act. */
  class Person {
    browser = newBrowser()
    #login: Promise<boolean> | null = null
    #busy: Promise<unknown> = Promise.resolve()
    constructor(
      private space: 'resident' | 'agent',
      private email: string,
      private password = PASSWORD
    ) {}
    /** One thing at a time, as a person with one browser tab does. */
    act<T>(task: () => Promise<T>): Promise<T> {
      const next = this.#busy.then(task, task)
      this.#busy = next.catch(() => {})
      return next
    }
    loggedIn() {
      this.#login ??= (async () => {
        const path = this.space === 'resident' ? '/connexion' : '/agents/connexion'
        if (!(await hit(`${this.space}: login page`, this.browser, 'GET', path))) return false
        const done = await hit(`${this.space}: log in`, this.browser, 'POST', path, {
          form: { email: this.email, password: this.password },
          expect: seeOther(),
        })
        if (!done) this.#login = null
        return !!done
      })()
      return this.#login
    }
  }
  const residents = Array.from(
    { length: RESIDENTS },
    (_, index) => new Person('resident', `habitant${index}@bench.example.org`)
  )
  const agents = Array.from(
    { length: AGENTS },
    (_, index) => new Person('agent', `agent${index}@bench.example.org`)
  )
  const residentIndex = new Map(residents.map((person, index) => [person, index]))

  const catalogue = await (await fetch(`${upstream()}/demarches`)).text()
  const procedureKeys = [
    ...new Set([...catalogue.matchAll(/href="\/demarches\/([a-z0-9-]+)"/g)].map((m) => m[1])),
  ]

  async function pageView(kind: PageKind) {
    if (kind === 'home') return hit(kind, newBrowser(), 'GET', '/')
    if (kind === 'catalogue') return hit(kind, newBrowser(), 'GET', '/demarches')
    if (kind === 'form start page')
      return hit(kind, newBrowser(), 'GET', `/demarches/${pick(procedureKeys)}`)
    if (kind.startsWith('resident')) {
      const resident = pick(residents)
      return resident.act(() => residentPage(resident, kind))
    }
    const agent = pick(agents)
    return agent.act(() => agentPage(agent, kind))
  }
  async function residentPage(resident: Person, kind: PageKind) {
    if (!(await resident.loggedIn())) return
    if (kind === 'resident: space') return hit(kind, resident.browser, 'GET', '/mon-espace')
    if (kind === 'resident: demands')
      return hit(kind, resident.browser, 'GET', '/mon-espace/demandes')
    const own = residentDemands.get(residentIndex.get(resident)!) ?? []
    if (!own.length)
      return hit('resident: demands', resident.browser, 'GET', '/mon-espace/demandes')
    return hit(kind, resident.browser, 'GET', `/mon-espace/demandes/${pick(own)}`)
  }
  async function agentPage(agent: Person, kind: PageKind) {
    if (!(await agent.loggedIn())) return
    if (kind === 'agent: inbox') return hit(kind, agent.browser, 'GET', '/agents/demandes')
    return hit(kind, agent.browser, 'GET', `/agents/demandes/${pick(accueilDemands)}`)
  }

  let filed = 0
  function filing(anonymous: boolean) {
    if (anonymous) return fileDemand(null)
    const resident = pick(residents)
    return resident.act(() => fileDemand(resident))
  }
  async function fileDemand(resident: Person | null) {
    const anonymous = resident === null
    if (resident && !(await resident.loggedIn())) return
    const browser = resident?.browser ?? newBrowser()
    const key = 'nous-contacter'
    if (!(await hit('filing: start page', browser, 'GET', `/demarches/${key}`))) return
    const draft = await hit('filing: create draft', browser, 'POST', `/demarches/${key}`, {
      form: {},
      expect: seeOther(`/demarches/${key}/`),
    })
    if (!draft) return
    await think()
    const step = await hit('filing: step page', browser, 'GET', draft.location!)
    if (!step) return
    const shown = /name="_shown" value="([^"]*)"/.exec(step.html)?.[1] ?? ''
    const after = await hit('filing: save step', browser, 'POST', draft.location!, {
      form: {
        _shown: shown,
        topic: 'information',
        subject: `Horaires de la mairie annexe (${filed})`,
        message: 'Bonjour, à quelle heure ouvre la mairie annexe le samedi ? Merci.',
      },
      expect: seeOther(`/demarches/${key}/`),
    })
    if (!after) return
    let review = after.location!
    if (anonymous) {
      await think()
      if (!(await hit('filing: contact details page', browser, 'GET', after.location!))) return
      const details = await hit('filing: save contact details', browser, 'POST', after.location!, {
        form: { firstName: 'Camille', lastName: 'Visiteur', email: `visiteur${filed}@example.org` },
        expect: seeOther(`/demarches/${key}/`),
      })
      if (!details) return
      review = details.location!
    }
    await think()
    if (!(await hit('filing: review page', browser, 'GET', review))) return
    const sent = await hit(
      'filing: submit',
      browser,
      'POST',
      review.replace(/recapitulatif$/, 'envoyer'),
      { form: {}, expect: seeOther(`/demarches/${key}/`) }
    )
    if (!sent) return
    if (await hit('filing: receipt page', browser, 'GET', sent.location!)) filed++
  }

  const rush = { booked: 0, taken: 0, gaveUp: 0 }
  const slotValues = (html: string) =>
    [...html.matchAll(/name="slot" value="([^"]+)"/g)].map((match) => match[1])
  const flowing: Expect = (status) => status < 400
  async function rushClient(index: number) {
    const browser = newBrowser()
    if (!(await hit('rush: pages', browser, 'GET', '/formalites/retrait-titre'))) return
    if (
      !(await hit('rush: pages', browser, 'POST', '/formalites/retrait-titre', {
        form: {},
        expect: flowing,
      }))
    )
      return
    const page = await hit('rush: pages', browser, 'GET', '/formalites/retrait-titre/creneau')
    if (!page) return
    const days = [
      ...page.html.matchAll(/href="(\/formalites\/retrait-titre\/creneau\?[^"]*jour=[^"]+)"/g),
    ].map((match) => match[1].replace(/&amp;/g, '&'))
    const dayPage = days.length ? await hit('rush: pages', browser, 'GET', pick(days)) : page
    if (!dayPage) return
    let candidates = slotValues(dayPage.html)
    for (let attempt = 0; attempt < 3 && candidates.length; attempt++) {
      const slot = pick(attempt === 0 ? candidates : candidates.slice(0, 3))
      const chosen = await hit(
        'rush: pages',
        browser,
        'POST',
        '/formalites/retrait-titre/creneau',
        {
          form: { point: String(point.id), slot },
          expect: flowing,
        }
      )
      if (!chosen) return
      const booked = await hit(
        'rush: booking',
        browser,
        'POST',
        '/formalites/retrait-titre/coordonnees',
        {
          form: { firstName: 'Client', lastName: `N${index}`, email: `client${index}@example.org` },
          expect: (status, location) =>
            status === 409 || (status === 303 && !!location?.startsWith('/rendez-vous/')),
        }
      )
      if (!booked) return
      if (booked.status === 303) {
        rush.booked++
        return
      }
      rush.taken++
      candidates = slotValues(booked.html)
    }
    rush.gaveUp++
  }

  let invoicingEnqueued = false
  async function invoicing() {
    const agent = new Person('agent', 'enfance@parvis.localhost', DEMO_PASSWORD)
    if (!(await agent.loggedIn())) return
    const page = await hit(
      'invoicing: canteen page',
      agent.browser,
      'GET',
      `/agents/enfance/cantine?mois=${month}`
    )
    if (!page) return
    const done = await hit(
      'invoicing: enqueue',
      agent.browser,
      'POST',
      '/agents/enfance/cantine/factures',
      {
        form: { mois: month },
        expect: seeOther('/agents/enfance/cantine'),
      }
    )
    invoicingEnqueued = !!done
  }

  // Warm-up (unmeasured): every kind of page on both processes, as servers that have run for a while.
  for (let round = 0; round < 4; round++) {
    for (const [kind] of PAGE_MIX) await pageView(kind)
    await hit('warm-up', newBrowser(), 'GET', '/formalites/retrait-titre')
  }

  // ---------------------------------------------------------------- the day's schedule
  const total = HOURLY.reduce((sum, weight) => sum + weight, 0)
  /** A moment of the day (seconds) drawn from the hourly profile. */
  const momentOfDay = () => {
    let draw = Math.random() * total
    for (const [hour, weight] of HOURLY.entries()) {
      if (draw < weight) return (hour + draw / weight) * 3600
      draw -= weight
    }
    return DAY_SECONDS - 1
  }
  const mixTotal = PAGE_MIX.reduce((sum, [, weight]) => sum + weight, 0)
  const pageKind = () => {
    let draw = Math.random() * mixTotal
    for (const [kind, weight] of PAGE_MIX) {
      if (draw < weight) return kind
      draw -= weight
    }
    return PAGE_MIX[0][0]
  }
  const events: { at: number; run: () => Promise<unknown> }[] = []
  for (let index = 0; index < PAGE_VIEWS; index++) {
    const kind = pageKind()
    events.push({ at: momentOfDay(), run: () => pageView(kind) })
  }
  for (let index = 0; index < FILINGS; index++) {
    const anonymous = Math.random() < ANONYMOUS_FILINGS
    events.push({ at: momentOfDay(), run: () => filing(anonymous) })
  }
  for (let index = 0; index < RUSH_CLIENTS; index++)
    events.push({ at: RELEASE_HOUR * 3600 + Math.random() * 900, run: () => rushClient(index) })
  events.push({ at: 14 * 3600, run: invoicing })
  events.sort((a, b) => a.at - b.at)
  console.log(
    `Replaying the day (×${SCALE}): ${PAGE_VIEWS.toLocaleString('en')} page views, ${FILINGS.toLocaleString('en')} filings, ${RUSH_CLIENTS} clients at the 9:00 release, invoicing at 14:00 — in ${MINUTES} min (1 s of wall time = ${COMPRESSION.toFixed(0)} s of the day), on ports ${PORTS.join(' and ')}.`
  )

  // ---------------------------------------------------------------- replay
  const cpuBefore = children.map(({ child }) => cpuSeconds(child.pid))
  const pgBefore = await postgresBackends()
  const selfBefore = process.cpuUsage()
  measuring = true
  replayStart = performance.now()
  const running = new Set<Promise<unknown>>()
  let lateMs = 0
  for (const event of events) {
    const due = (event.at / COMPRESSION) * 1000
    const wait = due - (performance.now() - replayStart)
    if (wait > 2) await new Promise((resolve) => setTimeout(resolve, wait))
    else lateMs = Math.max(lateMs, -wait)
    const promise = event.run().catch((error) => fail('load generator', String(error)))
    running.add(promise)
    promise.finally(() => running.delete(promise))
  }
  await Promise.all(running)
  const replaySeconds = (performance.now() - replayStart) / 1000
  measuring = false

  // Wait for the worker to drain what is due.
  const drainStart = Date.now()
  const due = () =>
    db
      .from('jobs')
      .whereIn('status', ['pending', 'running'])
      .where('run_at', '<=', dbTimestamp(DateTime.now()))
      .count('* as total')
  while (Number((await due())[0].total) > 0 && Date.now() - drainStart < DRAIN_SECONDS * 1000)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  const drainSeconds = (Date.now() - drainStart) / 1000
  const cpuAfter = children.map(({ child }) => cpuSeconds(child.pid))
  const pgAfter = await postgresBackends()
  const self = process.cpuUsage(selfBefore)

  // ---------------------------------------------------------------- report
  const requests = [...samples.values()].reduce((sum, list) => sum + list.length, 0)
  const peakHourShare = Math.max(...HOURLY) / total
  console.log(
    `\nReplay over in ${replaySeconds.toFixed(0)} s: ${requests.toLocaleString('en')} requests, ${(requests / replaySeconds).toFixed(0)} req/s on average, about ${((requests * peakHourShare) / (3600 / COMPRESSION)).toFixed(0)} req/s in the busiest hour (plus the release at 9:00).`
  )
  console.log(
    `  the load generator sent its requests at most ${lateMs.toFixed(0)} ms after their time`
  )
  console.log(
    `  ${'kind of request'.padEnd(32)}${'count'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'errors'.padStart(8)}  p95 ≤ ${TARGET_P95_MS} ms  p95 without ${RELEASE_HOUR}:00–${RELEASE_HOUR + 1}:00`
  )
  let allFast = true
  for (const kind of [...samples.keys()].sort()) {
    const sorted = samples.get(kind)!.sort((a, b) => a - b)
    const p95 = percentile(sorted, 95)
    allFast &&= p95 <= TARGET_P95_MS
    const ms = (value: number) => `${value.toFixed(0)}`.padStart(8)
    const outside = (outsideRelease.get(kind) ?? []).sort((a, b) => a - b)
    console.log(
      `  ${kind.padEnd(32)}${String(sorted.length).padStart(8)}${ms(percentile(sorted, 50))}${ms(p95)}${ms(percentile(sorted, 99))}${String(errors.get(kind) ?? 0).padStart(8)}  ${(p95 <= TARGET_P95_MS ? 'yes' : 'NO').padEnd(15)}${outside.length ? ms(percentile(outside, 95)) : '       —'}`
    )
  }
  // Whether the peaks of the day or the release make the tail: every request by the hour it was sent.
  console.log(`  by hour of the day (every kind): requests, p50, p95, p99 (ms)`)
  for (const [hour, list] of byHour.entries()) {
    if (!list.length) continue
    const sorted = list.sort((a, b) => a - b)
    console.log(
      `    ${String(hour).padStart(2, '0')}:00 ${String(sorted.length).padStart(7)}${[50, 95, 99].map((p) => percentile(sorted, p).toFixed(0).padStart(7)).join('')}`
    )
  }
  const errorCount = [...errors.values()].reduce((sum, count) => sum + count, 0)
  if (errorSamples.length) console.log(`  first errors:\n    ${errorSamples.join('\n    ')}`)
  console.log(
    `  filings received ${filed.toLocaleString('en')} of ${FILINGS.toLocaleString('en')}; release: ${rush.booked} booked of ${released.length} slots, ${rush.taken} "just taken" answers, ${rush.gaveUp} left without a slot (none offered, or 3 taken); canteen invoicing ${invoicingEnqueued ? 'enqueued' : 'NOT enqueued'}`
  )
  const issued = Number(
    (await db.from('invoices').where('created_at', '>=', now).count('* as total'))[0].total
  )
  const byStatus = (
    await db.rawQuery(
      `SELECT status, run_at <= now() AS due, count(*)::int AS total FROM jobs GROUP BY 1, 2 ORDER BY 1, 2`
    )
  ).rows as { status: string; due: boolean; total: number }[]
  const jobsAll = byStatus.reduce((sum, row) => sum + row.total, 0)
  const left = byStatus.filter(
    (row) => row.status === 'dead' || (row.due && row.status !== 'succeeded')
  )
  const jobsLeft = left.reduce((sum, row) => sum + row.total, 0)
  console.log(
    `  jobs: ${(jobsAll - jobsBefore).toLocaleString('en')} created during the day, drained in ${drainSeconds.toFixed(0)} s after the replay (limit ${DRAIN_SECONDS} s); ${issued.toLocaleString('en')} invoices issued`
  )
  console.log(
    `  jobs by status: ${byStatus.map((row) => `${row.status}${row.status === 'pending' ? (row.due ? ' (due)' : ' (scheduled later)') : ''} ${row.total}`).join(', ')}`
  )
  console.log('  CPU seconds from the start of the replay to the end of the drain:')
  let cpuTotal = 0
  for (const [index, { name }] of children.entries()) {
    const seconds = cpuAfter[index] - cpuBefore[index]
    cpuTotal += seconds
    console.log(`    ${name.padEnd(28)}${seconds.toFixed(1).padStart(8)}`)
  }
  let pgSeconds = 0
  for (const [pid, after] of pgAfter) pgSeconds += after - (pgBefore.get(pid) ?? 0)
  console.log(
    `    ${'PostgreSQL backends'.padEnd(28)}${pgSeconds.toFixed(1).padStart(8)}  (those connected at the end)`
  )
  const selfSeconds = (self.user + self.system) / 1e6
  console.log(`    ${'load generator'.padEnd(28)}${selfSeconds.toFixed(1).padStart(8)}`)
  console.log(
    `    ${'portal (servers + worker)'.padEnd(28)}${cpuTotal.toFixed(1).padStart(8)}  (${(cpuTotal / (replaySeconds + drainSeconds)).toFixed(2)} cores on average)`
  )
  console.log('Targets:')
  console.log(`  p95 ≤ ${TARGET_P95_MS} ms for every kind   ${allFast ? 'holds' : 'FAILS'}`)
  console.log(
    `  0 errors                      ${errorCount === 0 ? 'holds' : `FAILS (${errorCount})`}`
  )
  console.log(
    `  every job done at the end     ${jobsLeft === 0 ? 'holds' : `FAILS (${jobsLeft} left)`}`
  )
  console.log('(Shared 2-core machine, load generator on the same cores: figures are noisy.)')
} finally {
  await stopAll()
  await db.manager.closeAll()
  await app.terminate()
}
