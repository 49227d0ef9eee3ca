/*
 * Runs the whole suite once per moment that has broken calendars before:
 * `npm run test:moments` (all of them), `npm run test:moments -- sunday dst-spring`
 * (some), on the engine DB_CONNECTION names. Each run is `npm test` with
 * PARVIS_TEST_NOW set, so the app's clock starts at that moment (Paris time).
 */
import { spawnSync } from 'node:child_process'

export const MOMENTS = {
  'sunday': '2026-12-06T16:00', // a Sunday afternoon: the first free slot is tomorrow
  'friday': '2026-12-04T17:55', // a Friday just before closing time
  'new-year': '2026-12-31T23:30', // the year (and the references' year) changes in 30 minutes
  'dst-spring': '2027-03-28T01:30', // Saturday night: at 02:00 Paris clocks jump to 03:00
  'dst-autumn': '2027-10-31T02:30+02:00', // Saturday night: the hour 02:00–03:00 happens twice
  'school-year': '2027-09-01T08:00', // first day of the school year 2027–2028
}

const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in MOMENTS))
if (unknown.length) {
  console.error(
    `Unknown moment(s): ${unknown.join(', ')}. Known: ${Object.keys(MOMENTS).join(', ')}`
  )
  process.exit(2)
}
const names = asked.length ? asked : Object.keys(MOMENTS)
const results = []
for (const name of names) {
  console.log(
    `\n=== npm test at ${name} (${MOMENTS[name]}, ${process.env.DB_CONNECTION ?? 'sqlite'})`
  )
  const started = Date.now()
  const run = spawnSync('npm', ['test'], {
    stdio: 'inherit',
    env: { ...process.env, PARVIS_TEST_NOW: MOMENTS[name] },
  })
  results.push({ name, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) })
}
console.log('\nMoments:')
for (const result of results)
  console.log(
    `  ${result.ok ? 'ok  ' : 'FAIL'} ${result.name} (${MOMENTS[result.name]}) ${result.seconds} s`
  )
process.exit(results.every((result) => result.ok) ? 0 : 1)
