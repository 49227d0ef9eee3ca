/*
 * `npm run bench -- invoicing` (PostgreSQL): one month's canteen invoicing
 * for 5,000 families (1 to 3 children each, various bands). Prints how long
 * the run takes, how many invoices, jobs and mails it creates, and how long
 * the jobs take to turn into mails; baseline in the same run: a second run
 * of the same month, which finds every invoice already issued.
 */
import { DateTime } from 'luxon'
import { bootApp } from './support/app.js'

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 5000)
const app = await bootApp({
  connection: 'pg',
  database: process.env.BENCH_DATABASE ?? 'parvis_bench',
})
const db = (await import('@adonisjs/lucid/services/db')).default
const { invoiceCanteenMonth } = await import('../bricks/childhood/services/canteen.js')
const { Worker } = await import('#jobs/worker')
const { dbTimestamp } = await import('#core/database/dialect')

const now = dbTimestamp(DateTime.now())
const month = DateTime.now().setZone('Europe/Paris').minus({ months: 1 }).toFormat('yyyy-MM')
const year = Number(month.slice(0, 4))
const schoolYear = Number(month.slice(5)) >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`

let started = Date.now()
await db.rawQuery(
  `INSERT INTO users (email, password, first_name, last_name, notify_by_email, notify_by_sms, mail_on_status_change, mail_on_message, locale, created_at, updated_at)
   SELECT 'famille' || g || '@example.org', 'x', 'Parent', 'Famille' || g, true, false, true, true, 'fr', ?, ? FROM generate_series(1, ?) g`,
  [now, now, FAMILIES]
)
await db.rawQuery(
  `INSERT INTO household_members (user_id, kind, first_name, last_name, birth_date, created_at, updated_at)
   SELECT u.id, 'child', 'Enfant' || c, u.last_name, date '2017-03-01' + (c * 400), ?, ?
   FROM users u CROSS JOIN generate_series(1, 3) c WHERE c <= 1 + (u.id % 3)`,
  [now, now]
)
await db.rawQuery(
  `INSERT INTO childhood_canteen_registrations (household_member_id, user_id, school_year, days, status, absences, created_at, updated_at)
   SELECT m.id, m.user_id, ?, CASE WHEN m.id % 4 = 0 THEN '1,2' ELSE '1,2,4,5' END, 'active', CASE WHEN m.id % 5 = 0 THEN '["${month}-05"]' ELSE '[]' END, ?, ? FROM household_members m`,
  [schoolYear, now, now]
)
await db.rawQuery(
  `INSERT INTO childhood_quotients (user_id, value, status, created_at, updated_at) SELECT id, (id * 37) % 1600, 'validated', ?, ? FROM users WHERE id % 4 <> 0`,
  [now, now]
)
await db.rawQuery('ANALYZE')
const children = Number((await db.from('household_members').count('* as total'))[0].total)
console.log(
  `${FAMILIES.toLocaleString('en')} families, ${children.toLocaleString('en')} children at the canteen, month ${month} (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s).`
)

const jobsBefore = Number((await db.from('jobs').count('* as total'))[0].total)
started = Date.now()
const result = await invoiceCanteenMonth(month)
const runSeconds = (Date.now() - started) / 1000
const jobsAfterRun = Number((await db.from('jobs').count('* as total'))[0].total)

started = Date.now()
const worker = new Worker({ batchSize: 50 })
await worker.drain()
const drainSeconds = (Date.now() - started) / 1000
const jobsAll = Number((await db.from('jobs').count('* as total'))[0].total)
const mails = Number(
  (
    await db
      .from('jobs')
      .where('name', 'send_mail')
      .where('status', 'succeeded')
      .count('* as total')
  )[0].total
)

started = Date.now()
const again = await invoiceCanteenMonth(month)
const againSeconds = (Date.now() - started) / 1000
const lines = Number((await db.from('invoice_lines').count('* as total'))[0].total)

console.log(
  `  invoicing run          ${runSeconds.toFixed(1)} s: ${result.issued.toLocaleString('en')} invoices, ${lines.toLocaleString('en')} lines (${Math.round(result.issued / runSeconds)} invoices/s)`
)
console.log(
  `  jobs created by it     ${(jobsAfterRun - jobsBefore).toLocaleString('en')} (one invoice mail job per invoice)`
)
console.log(
  `  jobs in all            ${(jobsAll - jobsBefore).toLocaleString('en')} once the mail jobs have queued their mails; mails sent ${mails.toLocaleString('en')}`
)
console.log(
  `  draining those jobs    ${drainSeconds.toFixed(1)} s with one worker (mails rendered and handed to the mailer)`
)
console.log(
  `  baseline: run again    ${againSeconds.toFixed(1)} s, ${again.issued} new invoices, ${again.skipped.toLocaleString('en')} already issued`
)

await db.manager.closeAll()
await app.terminate()
