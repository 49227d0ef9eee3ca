/*
 * `npm run bench -- rush` (PostgreSQL): the day a month of ID-card slots is
 * released. 100 slots open at once at a one-desk meeting point; 500 clients,
 * each a browser of its own (cookies, CSRF token, client address), go
 * through the pick-up booking pages at the same time against a real server
 * process (the production build), retrying twice on "just taken" with the
 * slots offered. Meanwhile a visitor loads the catalogue page again and
 * again. Prints booked,
 * double-booked (must be 0), errors other than "taken" (must be 0), the p95
 * of the booking request and the p95 of the catalogue page, with the
 * catalogue's p95 on an idle server as the baseline, and the server's CPU
 * milliseconds per client (its process CPU time over the rush / clients,
 * from /proc: the figure that says whether a change made the release
 * cheaper, where latencies mostly say how busy the machine was).
 *
 * Settings: BENCH_CLIENTS (500), BENCH_ARRIVAL_SECONDS (0: every client at
 * once; else they arrive one after the other, evenly over that many seconds,
 * as in bench day, where 500 clients come over the release's quarter of an
 * hour: 12.5 s at its default compression, 25 s at 40 minutes),
 * BENCH_PORT, BENCH_DATABASE, BENCH_SERVER_ARGS,
 * BENCH_BUILD (a build folder, e.g. one compiled from an older commit, instead
 * of building the working tree).
 */
import { resolve as resolvePath } from 'node:path'
import { DateTime } from 'luxon'
import {
  benchServerArgs,
  bootApp,
  percentile,
  processCpuMs,
  startServer,
  productionBuild,
} from './support/app.js'
import { BenchBrowser } from './support/http_client.js'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500)
const ARRIVAL_SECONDS = Number(process.env.BENCH_ARRIVAL_SECONDS ?? 0)
const PORT = Number(process.env.BENCH_PORT ?? 33610)
const BASE = `http://127.0.0.1:${PORT}`
const DATABASE = process.env.BENCH_DATABASE ?? 'parvis_bench'

const app = await bootApp({ connection: 'pg', database: DATABASE })
const db = (await import('@adonisjs/lucid/services/db')).default
const MeetingPoint = (await import('#appointments/models/meeting_point')).default
const OpeningRange = (await import('#appointments/models/opening_range')).default
const Closure = (await import('#appointments/models/closure')).default
const MeetingType = (await import('#appointments/models/meeting_type')).default
const Service = (await import('#accounts/models/service')).default
const { availableSlots } = await import('#appointments/services/slots')
const { isPublicHoliday } = await import('#core/services/french_calendar')

// One desk, Monday to Friday 09:00–12:20 in 10-minute slots, and only next week open: 100 slots.
await Service.create({ slug: 'etat_civil', name: 'État civil', active: true })
// The brick's migration installed the type: the bench sets the rules it measures.
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
    meetingPointId: null,
    startsOn: today,
    endsOn: monday.minus({ days: 1 }).toISODate()!,
    startsAt: null,
    endsAt: null,
    reason: 'Pas encore ouvert',
  },
  {
    meetingPointId: null,
    startsOn: monday.plus({ days: 5 }).toISODate()!,
    endsOn: monday.plus({ days: 60 }).toISODate()!,
    startsAt: null,
    endsAt: null,
    reason: 'Pas encore ouvert',
  },
])
const released = await availableSlots(point, type, 1, today, monday.plus({ days: 40 }).toISODate()!)
console.log(
  `Released ${released.length} slots (${monday.toISODate()} → ${monday.plus({ days: 4 }).toISODate()}), ${CLIENTS} clients${ARRIVAL_SECONDS > 0 ? ` arriving over ${ARRIVAL_SECONDS} s` : ''}.`
)

const server = await startServer({
  build: process.env.BENCH_BUILD ? resolvePath(process.env.BENCH_BUILD) : productionBuild(),
  database: DATABASE,
  port: PORT,
  env: { LIMITER_STORE: 'memory', PARVIS_BRICKS: 'administration' },
  nodeArgs: benchServerArgs(),
})
try {
  const timeCatalogue = async () => {
    const start = process.hrtime.bigint()
    const response = await fetch(`${BASE}/demarches`)
    await response.text()
    return Number(process.hrtime.bigint() - start) / 1e6
  }
  // Warm-up: the first requests load and compile what each page needs (templates, JIT).
  const warm = new BenchBrowser(BASE, '192.0.2.1')
  for (let index = 0; index < 5; index++) {
    await warm.request('GET', '/formalites/retrait-titre')
    await warm.request('POST', '/formalites/retrait-titre', {})
    await warm.request('GET', '/formalites/retrait-titre/creneau')
    await warm.request('POST', '/formalites/retrait-titre/coordonnees', {
      firstName: '',
      lastName: '',
      email: 'x',
    })
  }
  for (let index = 0; index < 20; index++) await timeCatalogue()
  const idle: number[] = []
  for (let index = 0; index < 100; index++) idle.push(await timeCatalogue())
  idle.sort((a, b) => a - b)

  let rushing = true
  const catalogue: number[] = []
  const prober = (async () => {
    while (rushing) {
      catalogue.push(await timeCatalogue())
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()

  const outcome = { booked: 0, gaveUp: 0, errors: 0, taken: 0 }
  const bookingTimes: number[] = []
  const errorSamples: string[] = []
  const slotValues = (html: string) =>
    [...html.matchAll(/name="slot" value="([^"]+)"/g)].map((match) => match[1])
  const client = async (index: number) => {
    if (ARRIVAL_SECONDS > 0)
      await new Promise((resolve) =>
        setTimeout(resolve, (index * ARRIVAL_SECONDS * 1000) / CLIENTS)
      )
    const browser = new BenchBrowser(BASE, `198.51.${Math.floor(index / 250)}.${index % 250}`)
    try {
      await browser.request('GET', '/formalites/retrait-titre')
      await browser.request('POST', '/formalites/retrait-titre', {})
      const page = await browser.request('GET', '/formalites/retrait-titre/creneau')
      const days = [
        ...page.html.matchAll(/href="(\/formalites\/retrait-titre\/creneau\?[^"]*jour=[^"]+)"/g),
      ].map((match) => match[1].replace(/&amp;/g, '&'))
      const dayPage = days.length
        ? await browser.request('GET', days[Math.floor(Math.random() * days.length)])
        : page
      let candidates = slotValues(dayPage.html)
      for (let attempt = 0; attempt < 3 && candidates.length; attempt++) {
        const slot =
          candidates[
            Math.floor(
              Math.random() * Math.min(candidates.length, attempt === 0 ? candidates.length : 3)
            )
          ]
        await browser.request('POST', '/formalites/retrait-titre/creneau', {
          point: String(point.id),
          slot,
        })
        const start = process.hrtime.bigint()
        const booked = await browser.request('POST', '/formalites/retrait-titre/coordonnees', {
          firstName: 'Client',
          lastName: `N${index}`,
          email: `client${index}@example.org`,
        })
        bookingTimes.push(Number(process.hrtime.bigint() - start) / 1e6)
        if (booked.status === 303 && booked.location?.startsWith('/rendez-vous/')) {
          outcome.booked++
          return
        }
        if (booked.status === 409) {
          outcome.taken++
          candidates = slotValues(booked.html)
          continue
        }
        outcome.errors++
        if (errorSamples.length < 5)
          errorSamples.push(
            `${booked.status} ${booked.location ?? ''} ${booked.html.slice(0, 120)}`
          )
        return
      }
      outcome.gaveUp++
    } catch (error) {
      outcome.errors++
      if (errorSamples.length < 5) errorSamples.push(String(error))
    }
  }
  const started = Date.now()
  const cpuBefore = processCpuMs(server.pid)
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)))
  const seconds = (Date.now() - started) / 1000
  const cpuPerClient = (processCpuMs(server.pid) - cpuBefore) / CLIENTS
  rushing = false
  await prober
  bookingTimes.sort((a, b) => a - b)
  catalogue.sort((a, b) => a - b)

  const doubles = await db.rawQuery(
    `SELECT a.id FROM appointments a JOIN appointments b ON a.id < b.id AND a.meeting_point_id = b.meeting_point_id AND a.desk = b.desk
     AND a.status = 'booked' AND b.status = 'booked' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`
  )
  const stored = await db.from('appointments').where('status', 'booked').count('* as total')
  console.log(`Rush over in ${seconds.toFixed(1)} s:`)
  console.log(
    `  booked                 ${outcome.booked} (in the database: ${stored[0].total}; slots: ${released.length})`
  )
  console.log(`  double-booked          ${doubles.rows.length} (must be 0)`)
  console.log(
    `  errors (not "taken")   ${outcome.errors} (must be 0)${errorSamples.length ? '\n    ' + errorSamples.join('\n    ') : ''}`
  )
  console.log(
    `  "just taken" answers   ${outcome.taken}; clients left without a slot (none offered, or 3 taken): ${outcome.gaveUp}`
  )
  console.log(
    `  booking request        p50 ${percentile(bookingTimes, 50).toFixed(0)} ms, p95 ${percentile(bookingTimes, 95).toFixed(0)} ms (${bookingTimes.length} requests)`
  )
  console.log(
    `  server CPU             ${cpuPerClient.toFixed(1)} ms per client (catalogue probes included)`
  )
  console.log(
    `  catalogue page         p95 ${percentile(catalogue, 95).toFixed(0)} ms during the rush (${catalogue.length} loads), ${percentile(idle, 95).toFixed(1)} ms idle: ratio ${(percentile(catalogue, 95) / percentile(idle, 95)).toFixed(1)}`
  )
} finally {
  server.stop()
  await db.manager.closeAll()
  await app.terminate()
}
