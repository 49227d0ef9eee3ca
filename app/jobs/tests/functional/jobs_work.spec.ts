import { existsSync, readdirSync, rmSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { engineOf } from '#core/database/dialect'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import Demand from '#demands/models/demand'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import BookAppointment from '#appointments/actions/book_appointment'
import { cancelAppointment, moveAppointment } from '#appointments/actions/change_appointment'
import { manageLink } from '#appointments/services/manage_links'
import { availableSlots } from '#appointments/services/slots'
import { startPayment } from '#payments/actions/start_payment'
import { PayfipClient } from '#payments/providers/payfip_client'
import { usePayfip } from '#payments/providers/index'
import { startPayfipSimulator, type PayfipSimulator } from '#payments/providers/payfip_simulator'
import { dbTimestamp } from '#core/database/dialect'
import { applicant, createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { createResident } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { fileThreeStepDemand } from '#tests/support/factories/demands'
import { startWorkerProcess, type WorkerProcess } from '#tests/support/worker_process'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'
import modules from '#core/services/modules'
import { moduleSamples } from '#tests/support/module_samples'
import type { JobSamples } from '#tests/support/job_samples'

/*
 * Every job type runs here through a real `node ace jobs:work` process, as
 * README's production step 6 starts it (JOBS_IN_PROCESS=false): no HTTP
 * server, no route table, its own connections. A handler that needs
 * something only the web process has fails here. The core's job types are
 * tried below; each enabled module adds its own from its
 * `tests/job_samples.ts`. The last test checks that no registered job type
 * was left out.
 */

const contributed = await moduleSamples<JobSamples>('job_samples')

let worker: WorkerProcess
const BACKUPS = app.makePath('tmp', `jobs-work-backups-${process.pid}`)
let payfip: PayfipSimulator
const stops: (() => Promise<void>)[] = []
const exercised = new Set<string>()

/** Polls until `check` holds (another process does the work). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000) {
  const started = performance.now()
  while (!(await check())) {
    if (performance.now() - started > timeoutMs)
      throw new Error(
        `${what}: not within ${timeoutMs} ms\n--- worker output ---\n${worker.output()}`
      )
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Waits until nothing is due or running any more, and fails on any job that
 * failed. Tests wait for it before writing again: on SQLite, a transaction
 * that read before another process committed cannot write (SQLITE_BUSY), the
 * reason why SQLite installs run their worker inside the web process.
 */
async function settled() {
  await until('the worker settles', async () => {
    const busy = await db
      .from('jobs')
      .where((query) =>
        query
          .where('status', 'running')
          .orWhere((due) =>
            due.where('status', 'pending').where('run_at', '<=', dbTimestamp(clock.now()))
          )
      )
      .count('* as total')
    return Number(busy[0].total) === 0
  })
  const failed = await Job.query().whereNotNull('lastError')
  if (failed.length)
    throw new Error(
      `jobs failed in jobs:work:\n${failed.map((job) => `${job.name} #${job.id}: ${job.lastError}`).join('\n')}`
    )
}

function subjectsFor(address: string) {
  return mailbox.for(address).map((mail) => mail.subject ?? '')
}

test.group('Jobs through a real jobs:work process', (group) => {
  group.setup(async () => {
    // The worker takes the clock the tests start from, not one a previous file moved.
    clock.reset()
    const env: Record<string, string> = {}
    for (const { samples } of contributed) {
      const started = await samples.start?.()
      if (!started) continue
      Object.assign(env, started.env)
      stops.push(started.stop)
    }
    payfip = await startPayfipSimulator()
    worker = await startWorkerProcess({
      env: {
        ...env,
        JOBS_IN_PROCESS: 'false',
        BACKUP_DIR: BACKUPS,
        PAYMENT_PROVIDER: 'payfip',
        PAYFIP_URL: payfip.serviceUrl,
        PAYFIP_PAGE_URL: payfip.paymentPageUrl,
        PAYFIP_NUMCLI: '000000',
        PAYFIP_SAISIE: 'T',
      },
    })
    usePayfip(
      new PayfipClient({
        serviceUrl: payfip.serviceUrl,
        paymentPageUrl: payfip.paymentPageUrl,
        numcli: '000000',
        saisie: 'T',
      })
    )
    return async () => {
      usePayfip(null)
      const code = await worker.stop()
      await Promise.all([...stops.map((stop) => stop()), payfip.stop()])
      if (code !== 0)
        throw new Error(
          `jobs:work did not stop cleanly on SIGTERM (exit ${code}):\n${worker.output()}`
        )
    }
  })
  group.each.setup(() => {
    for (const { samples } of contributed) samples.reset?.()
    payfip.notify = false
  })
  // Before the next test empties the tables: which job types ran to success here.
  group.each.teardown(async () => {
    for (const row of await db.from('jobs').where('status', 'succeeded').distinct('name'))
      exercised.add(row.name)
  })

  test('an appointment’s confirmation, move, reminder and cancellation mails leave in that order, with a signed link that opens it', async ({
    assert,
    client,
  }) => {
    const { point, type } = await createAgenda()
    await WaitingListEntry.create({
      meetingTypeId: type.id,
      meetingPointId: null,
      persons: 1,
      userId: null,
      email: 'attente@example.org',
      firstName: 'Noé',
      status: 'waiting',
      lastAlertedOn: null,
    })
    const far = await firstFreeSlot(point, type, 1, 5)
    const appointment = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: far.start,
      applicant,
    })
    await mailbox.receive('camille@example.org', /Rendez-vous confirmé/, 15_000)
    // As a resident would, act again once the worker is done (SQLite takes one writer at a time).
    await settled()

    // Moved to less than two days ahead (but more than 12 hours): the reminder is due at once.
    const from = clock.local()
    const near = (
      await availableSlots(point, type, 1, from.toISODate()!, from.plus({ days: 3 }).toISODate()!)
    ).find(
      (slot) =>
        slot.start > clock.now().plus({ hours: 13 }) && slot.start < clock.now().plus({ hours: 47 })
    )!
    assert.exists(near, 'a slot between 13 and 47 hours ahead')
    await moveAppointment(appointment.id, { meetingPointId: point.id, start: near.start })
    await mailbox.receive('camille@example.org', /Rappel/, 15_000)
    await mailbox.receive('attente@example.org', /Un créneau s’est libéré/, 15_000)
    await settled()

    await cancelAppointment(appointment.id, 'resident')
    await mailbox.receive('camille@example.org', /annulé/, 15_000)
    await settled()

    const subjects = subjectsFor('camille@example.org')
    assert.lengthOf(subjects, 4, subjects.join('\n'))
    assert.match(subjects[0], /^Rendez-vous confirmé/)
    assert.match(subjects[1], /^Rendez-vous déplacé/)
    assert.match(subjects[2], /^Rappel/)
    assert.match(subjects[3], /annulé$/)

    const link = mailbox.linkIn(mailbox.for('camille@example.org')[1], '/rendez-vous/')
    assert.equal(link, manageLink(appointment))
    const page = await client.get(link.replace(/^https?:\/\/[^/]+/, ''))
    page.assertStatus(200)
    page.assertTextIncludes(type.label)
  })

  test('a demand’s receipt is mailed by the worker', async ({ assert }) => {
    const user = await createResident({ email: 'deposant@example.org' })
    const demand = await fileThreeStepDemand(user)
    const mail = await mailbox.receive('deposant@example.org', /Accusé de réception/, 15_000)
    assert.include(mail.subject!, demand.reference!)
    await settled()
  })

  test('a payment whose notification never came is read back from PayFiP, and its receipt mailed', async ({
    assert,
  }) => {
    const user = await createResident({ email: 'payeur@example.org' })
    const invoice = await canteenInvoice(user)
    const { payment } = await startPayment(invoice, user.email)
    await payfip.settle(payment.operationId!, 'P', { notify: false })
    // The check looks at payments left pending for more than two minutes.
    await db
      .from('payments')
      .where('id', payment.id)
      .update({ created_at: dbTimestamp(clock.now().minus({ minutes: 5 })) })
    await enqueue('payments_check', {})
    await mailbox.receive('payeur@example.org', /Reçu de paiement/, 15_000)
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    await settled()
  })

  test('an invoice unpaid 15 days after its due date gets one reminder', async ({ assert }) => {
    const user = await createResident({ email: 'retard@example.org' })
    const invoice = await canteenInvoice(user, {
      dueOn: clock.local().minus({ days: 20 }).toISODate()!,
    })
    await enqueue('invoice_reminders', {})
    const mail = await mailbox.receive('retard@example.org', /Rappel : facture/, 15_000)
    assert.include(mail.subject!, invoice.number)
    await settled()
  })

  test('the nightly purge deletes forgotten drafts and the retention deletes closed demands past their time', async ({
    assert,
  }) => {
    const user = await createResident()
    const draft = await Demand.create({
      procedureKey: 'demande-essai',
      serviceSlug: 'urbanisme',
      state: 'draft',
      origin: 'web',
      userId: user.id,
      answers: {},
      currentStep: 1,
    })
    const closed = await fileThreeStepDemand(user)
    await settled()
    await db
      .from('demands')
      .where('id', draft.id)
      .update({ updated_at: dbTimestamp(clock.now().minus({ days: 40 })) })
    await db
      .from('demands')
      .where('id', closed.id)
      .update({ state: 'closed', closed_at: dbTimestamp(clock.now().minus({ months: 30 })) })
    await enqueue('purge_drafts', {})
    await enqueue('apply_retention', {})
    await settled()
    assert.isNull(await Demand.find(draft.id))
    assert.isNull(await Demand.find(closed.id))
    // The worker's scheduler plans the next nights, from the demands manifest.
    assert.include(worker.output(), 'schedule purge_drafts: daily 03:00 (demands)')
    assert.include(worker.output(), 'schedule apply_retention: daily 03:30 (demands)')
  })

  test('the nightly backup copies the embedded database in the worker (PostgreSQL: nothing, pg_dump does it)', async ({
    assert,
  }) => {
    rmSync(BACKUPS, { recursive: true, force: true })
    await enqueue('backup_database', {})
    await settled()
    const files = existsSync(BACKUPS) ? readdirSync(BACKUPS) : []
    if (engineOf() === 'sqlite') {
      assert.deepEqual(files, [`parvis-${clock.local().toISODate()}.sqlite3`])
      assert.include(worker.output(), 'schedule backup_database: daily 02:30 (jobs)')
    } else {
      assert.deepEqual(files, [])
      assert.notInclude(worker.output(), 'schedule backup_database')
    }
    rmSync(BACKUPS, { recursive: true, force: true })
  })

  // Each enabled module's own job types, from its tests/job_samples.ts.
  for (const { module, samples } of contributed) {
    for (const [title, run] of Object.entries(samples.tests)) {
      test(`${module}: ${title}`, ({ assert, client }) => run({ assert, client, worker, settled }))
    }
  }

  test('every job type the worker runs, and every one the manifests declare, was exercised above', ({
    assert,
  }) => {
    const registered = [...worker.queues.values()].flat()
    assert.isAbove(registered.length, 10, worker.output())
    const declared = modules.collectKeyed('jobs').map(({ name }) => name)
    assert.includeMembers(
      registered,
      declared,
      'declared in a manifest but not registered in jobs:work'
    )
    assert.deepEqual(
      registered.filter((name) => !exercised.has(name)),
      [],
      'registered job types no test above ran through jobs:work'
    )
  })
})
