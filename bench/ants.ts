/*
 * `npm run bench -- ants` (SQLite, then PostgreSQL): the ANTS hub's
 * availableTimeSlots call for 4 meeting points × 90 days, against a real
 * server process, with a third of the slots already booked. Prints p50/p95
 * for 1 and 3 persons, the answer's size and the server's CPU time per call
 * (steadier than wall time on a shared machine); baseline:
 * getManagedMeetingPoints in the same run. ANTS gives editors 15 s for this
 * call. BENCH_ENGINES=pg (or sqlite) runs one engine only; BENCH_PROFILE=DIR
 * writes the server's CPU profile there.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { DateTime } from 'luxon'
import { bootApp, percentile, processCpuMs, startServer, productionBuild } from './support/app.js'

const ENGINE = process.env.BENCH_ENGINE as 'pg' | 'sqlite' | undefined
if (!ENGINE) {
  // One process per engine: the app boots once, on one connection.
  for (const engine of (process.env.BENCH_ENGINES ?? 'sqlite,pg').split(',')) {
    console.log(engine === 'pg' ? 'PostgreSQL' : 'SQLite')
    const run = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_ENGINE: engine },
    })
    if (run.status !== 0) process.exit(run.status ?? 1)
  }
  process.exit(0)
}

const PORT = Number(process.env.BENCH_PORT ?? 33620)
const BASE = `http://127.0.0.1:${PORT}`
const DATABASE =
  ENGINE === 'pg'
    ? (process.env.BENCH_DATABASE ?? 'parvis_bench')
    : new URL(`../tmp/bench_ants_${PORT}.sqlite3`, import.meta.url).pathname
const TOKEN = 'bench-hub-token'
const RUNS = Number(process.env.BENCH_RUNS ?? 30)

if (ENGINE === 'sqlite')
  for (const end of ['', '-wal', '-shm']) rmSync(DATABASE + end, { force: true })
const app = await bootApp({ connection: ENGINE, database: DATABASE })
const db = (await import('@adonisjs/lucid/services/db')).default
const MeetingPoint = (await import('#appointments/models/meeting_point')).default
const OpeningRange = (await import('#appointments/models/opening_range')).default
const MeetingType = (await import('#appointments/models/meeting_type')).default
const Service = (await import('#accounts/models/service')).default
const { availableSlots, unitsOf } = await import('#appointments/services/slots')
const { dbTimestamp } = await import('#core/database/dialect')

await Service.create({ slug: 'etat_civil', name: 'État civil', active: true })
// The brick's migration installed the type: the bench sets the rules it measures.
const type = await MeetingType.updateOrCreate(
  { key: 'administration_titre' },
  {
    label: 'Dépôt CNI / passeport',
    serviceSlug: 'etat_civil',
    durationMinutes: 15,
    perPerson: true,
    maxPersons: 5,
    bookableBy: 'resident',
    minDelayHours: 2,
    maxDelayDays: 120,
    cancelDeadlineHours: 24,
    waitingList: true,
    active: true,
  }
)
const points = []
for (let index = 1; index <= 4; index++) {
  const point = await MeetingPoint.create({
    name: `Mairie ${index}`,
    addressLine: `${index} place de la Mairie`,
    postalCode: '91000',
    city: 'Évry-Courcouronnes',
    serviceSlug: 'etat_civil',
    desks: 3,
    active: true,
    accessNotes: null,
    latitude: 48.6,
    longitude: 2.4,
  })
  const ranges = []
  for (const weekday of [1, 2, 3, 4, 5])
    ranges.push(
      { meetingPointId: point.id, desk: null, weekday, startsAt: '08:30', endsAt: '12:00' },
      { meetingPointId: point.id, desk: null, weekday, startsAt: '13:30', endsAt: '17:00' }
    )
  ranges.push({ meetingPointId: point.id, desk: 1, weekday: 6, startsAt: '09:00', endsAt: '12:00' })
  await OpeningRange.createMany(ranges)
  points.push(point)
}

// A third of the slots already booked: appointments and their time units, written directly.
const start = DateTime.now().setZone('Europe/Paris').plus({ days: 1 })
const from = start.toISODate()!
const to = start.plus({ days: 89 }).toISODate()!
let booked = 0
for (const point of points) {
  const slots = await availableSlots(point, type, 1, from, to)
  const rows = slots.filter((_, index) => index % 3 === 0)
  for (const slot of rows) {
    const [appointment] = await db
      .table('appointments')
      .insert({
        meeting_point_id: point.id,
        meeting_type_id: type.id,
        desk: slot.freeDesks[0],
        starts_at: dbTimestamp(slot.start),
        ends_at: dbTimestamp(slot.end),
        status: 'booked',
        persons: 1,
        first_name: 'B',
        last_name: 'B',
        details: '{}',
        origin: 'web',
        created_at: dbTimestamp(DateTime.now()),
        updated_at: dbTimestamp(DateTime.now()),
      })
      .returning('id')
    await db.table('appointment_units').multiInsert(
      unitsOf(slot.start, slot.end).map((at) => ({
        meeting_point_id: point.id,
        desk: slot.freeDesks[0],
        starts_at: dbTimestamp(DateTime.fromMillis(at, { zone: 'utc' })),
        appointment_id: appointment.id ?? appointment,
      }))
    )
    booked++
  }
}
await db.rawQuery('ANALYZE')
console.log(
  `4 meeting points × 3 desks, ${from} → ${to} (90 days), ${booked} appointments already booked.`
)

const server = await startServer({
  build: productionBuild(),
  database: DATABASE,
  port: PORT,
  env: {
    ANTS_HUB_TOKEN: TOKEN,
    PARVIS_BRICKS: 'administration',
    DB_CONNECTION: ENGINE,
    ...(ENGINE === 'sqlite' ? { SQLITE_PATH: DATABASE } : {}),
  },
  nodeArgs: process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [],
})

const serverCpuMs = () => processCpuMs(server.pid)
try {
  const ids = points.map((point) => `meeting_point_ids=${point.id}`).join('&')
  const time = async (path: string) => {
    const began = process.hrtime.bigint()
    const response = await fetch(BASE + path, { headers: { 'x-hub-rdv-auth-token': TOKEN } })
    const body = await response.text()
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`)
    return { ms: Number(process.hrtime.bigint() - began) / 1e6, bytes: body.length, body }
  }
  const measure = async (path: string) => {
    for (let index = 0; index < 3; index++) await time(path)
    const samples: number[] = []
    let last = { bytes: 0, body: '' }
    const cpuBefore = serverCpuMs()
    for (let index = 0; index < RUNS; index++) {
      const result = await time(path)
      samples.push(result.ms)
      last = result
    }
    const cpu = (serverCpuMs() - cpuBefore) / RUNS
    samples.sort((a, b) => a - b)
    return {
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      cpu,
      bytes: last.bytes,
      body: last.body,
    }
  }
  const baseline = await measure('/api/ants/getManagedMeetingPoints')
  const one = await measure(
    `/api/ants/availableTimeSlots?${ids}&start_date=${from}&end_date=${to}&reason=CNI&documents_number=1`
  )
  const three = await measure(
    `/api/ants/availableTimeSlots?${ids}&start_date=${from}&end_date=${to}&reason=CNI-PASSPORT&documents_number=3`
  )
  const count = (body: string) =>
    Object.values(JSON.parse(body) as Record<string, unknown[]>).reduce(
      (sum, slots) => sum + slots.length,
      0
    )
  const cpu = (result: { cpu: number }) => `server CPU ${result.cpu.toFixed(1)} ms/call`
  console.log(
    `  getManagedMeetingPoints   p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms, ${cpu(baseline)} (baseline)`
  )
  console.log(
    `  availableTimeSlots, 1 p.  p50 ${one.p50.toFixed(0)} ms, p95 ${one.p95.toFixed(0)} ms, ${cpu(one)} — ${count(one.body)} slots, ${(one.bytes / 1024).toFixed(0)} KB; ratio to baseline ${(one.p95 / baseline.p95).toFixed(0)}`
  )
  console.log(
    `  availableTimeSlots, 3 p.  p50 ${three.p50.toFixed(0)} ms, p95 ${three.p95.toFixed(0)} ms, ${cpu(three)} — ${count(three.body)} slots, ${(three.bytes / 1024).toFixed(0)} KB (ANTS allows 15,000 ms; target p95 ≤ 150 ms)`
  )
} finally {
  server.stop()
  await db.manager.closeAll()
  await app.terminate()
}
