import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { writeSetting } from '#core/services/settings'
import { declaredSettings } from '#core/modules/settings'
import modules from '#core/services/modules'
import { purgePersonalData } from '#jobs/personal_data'
import { enqueue } from '#jobs/enqueue'
import Job from '#jobs/job'
import Appointment from '#appointments/models/appointment'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import Notification from '#demands/models/notification'
import MailLogEntry from '#notifications/models/mail_log_entry'
import MailLogAttachment from '#notifications/models/mail_log_attachment'
import { createAgenda } from '#tests/support/factories/appointments'
import { canteenInvoice } from '#tests/support/factories/payments'
import { inputErrors } from '#tests/support/http'
import { appointment, demand } from '#tests/support/agent_home'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { readSettings } from '#core/services/settings'

/** Moves the clock (frozen) to a moment on the city's wall clock. */
function at(moment: string) {
  clock.travelTo(moment, { freeze: true })
}

async function ids(query: Promise<{ id: number }[]>) {
  return (await query).map((row) => row.id).sort((a, b) => a - b)
}

test.group('Personal data retention', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('every core kind is declared with a period setting the admins can change', ({ assert }) => {
    const declared = modules
      .collect('retention', 'installed')
      .map(({ module, item }) => `${module.definition.name}.${item.key}`)
    assert.includeMembers(declared, [
      'jobs.finished_jobs',
      'notifications.mail_bodies',
      'notifications.mail_log',
      'demands.notifications',
      'appointments.appointments',
      'appointments.waiting_list_entries',
      'payments.invoices',
    ])
    const payments = declaredSettings(modules.get('payments')!.definition)
    assert.equal(payments.retention_invoices.default, 10)
    assert.equal(payments.retention_invoices.kind, 'integer')
  })

  test('an admin sets a period in the settings page, within its bounds', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertTextIncludes('Durée de conservation (en années) : Factures et paiements')
    page.assertTextIncludes('name="payments__retention_invoices"')
    const refused = await client
      .post('/agents/admin/reglages/payments')
      .form({ payments__retention_invoices: '0' })
      .header('referer', '/agents/admin/reglages')
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.property(inputErrors(refused), 'payments__retention_invoices')
    await client
      .post('/agents/admin/reglages/payments')
      .form({ payments__retention_invoices: '12' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    const settings = declaredSettings(modules.get('payments')!.definition)
    assert.equal((await readSettings('payments', settings)).retention_invoices, 12)
  })

  test('appointments go a year after their date, not before', async ({ assert }) => {
    at('2026-12-01T10:00')
    const { point, type } = await createAgenda()
    const early = await appointment(
      type.id,
      point.id,
      DateTime.fromISO('2026-12-02T09:00Z') as DateTime<true>
    )
    const later = await appointment(
      type.id,
      point.id,
      DateTime.fromISO('2027-01-15T09:00Z') as DateTime<true>
    )

    at('2027-12-02T09:30')
    assert.deepEqual((await purgePersonalData())['appointments.appointments'], 0)
    at('2027-12-02T11:00')
    assert.equal((await purgePersonalData())['appointments.appointments'], 1)
    assert.deepEqual(await ids(Appointment.query().select('id')), [later.id])
    assert.isNull(await Appointment.find(early.id))
  })

  test('waiting-list entries go six months after they were made, served or not', async ({
    assert,
  }) => {
    const { type } = await createAgenda()
    const entry = (status: WaitingListEntry['status']) =>
      WaitingListEntry.create({
        meetingTypeId: type.id,
        meetingPointId: null,
        persons: 1,
        userId: null,
        email: 'attente@example.org',
        firstName: 'Lina',
        status,
      })
    at('2026-12-01T10:00')
    const done = await entry('done')
    const waiting = await entry('waiting')
    at('2027-02-01T10:00')
    const recent = await entry('waiting')

    at('2027-06-01T09:00')
    assert.equal((await purgePersonalData())['appointments.waiting_list_entries'], 0)
    at('2027-06-01T13:00')
    assert.equal((await purgePersonalData())['appointments.waiting_list_entries'], 2)
    assert.deepEqual(await ids(WaitingListEntry.query().select('id')), [recent.id])
    assert.notInclude([done.id, waiting.id], recent.id)
  })

  test('invoices go with their lines and payments ten years after, counted from their last payment', async ({
    assert,
  }) => {
    const user = await createResident()
    at('2026-12-01T10:00')
    const paidLate = await canteenInvoice(user, { source: 'test:paid-late' })
    const unpaid = await canteenInvoice(user, { source: 'test:unpaid' })
    at('2027-03-01T10:00')
    const payment = await Payment.create({
      invoiceId: paidLate.id,
      provider: 'payfip',
      refdet: 'R-RETENTION-1',
      amountCents: 4260,
      status: 'paid',
    })
    at('2027-06-01T10:00')
    const recent = await canteenInvoice(user, { source: 'test:recent' })

    at('2036-12-01T11:00')
    assert.equal((await purgePersonalData())['payments.invoices'], 1)
    assert.isNull(await Invoice.find(unpaid.id))
    const lines = await db.from('invoice_lines').where('invoice_id', unpaid.id)
    assert.lengthOf(lines, 0)
    assert.isNotNull(await Payment.find(payment.id))

    at('2037-03-01T11:00')
    assert.equal((await purgePersonalData())['payments.invoices'], 1)
    assert.isNull(await Invoice.find(paidLate.id))
    assert.isNull(await Payment.find(payment.id))
    assert.deepEqual(await ids(Invoice.query().select('id')), [recent.id])
  })

  test('the period in force is the admins’ setting, not the default', async ({ assert }) => {
    const user = await createResident()
    at('2026-12-01T10:00')
    const invoice = await canteenInvoice(user, { source: 'test:five-years' })
    at('2031-12-01T11:00')
    assert.equal((await purgePersonalData())['payments.invoices'], 0)
    await writeSetting('payments', 'retention_invoices', 5, {
      updatedBy: null,
      client: db.connection(),
    })
    assert.equal((await purgePersonalData())['payments.invoices'], 1)
    assert.isNull(await Invoice.find(invoice.id))
  })

  test('notices of the resident’s space go a year after they were made, read or not', async ({
    assert,
  }) => {
    const user = await createResident()
    const filed = await demand('urbanisme')
    const notice = () =>
      Notification.create({
        userId: user.id,
        demandId: filed.id,
        eventId: null,
        kind: 'status_changed',
        toState: 'accepted',
        mailWanted: false,
      })
    at('2026-12-01T10:00')
    const old = await notice()
    at('2026-12-15T10:00')
    const recent = await notice()

    at('2027-12-01T09:00')
    assert.equal((await purgePersonalData())['demands.notifications'], 0)
    at('2027-12-01T11:00')
    assert.equal((await purgePersonalData())['demands.notifications'], 1)
    assert.isNull(await Notification.find(old.id))
    assert.isNotNull(await Notification.find(recent.id))
  })

  test('a sent mail loses its body and attachments after 30 days, and its log line after a year', async ({
    assert,
  }) => {
    const mail = async (subject: string) => {
      const entry = await MailLogEntry.create({
        mailer: 'stored',
        recipients: 'lea@example.org',
        subject,
        html: '<p>Votre lien</p>',
        text: 'Votre lien',
        messageId: null,
      })
      await MailLogAttachment.create({
        mailLogId: entry.id,
        filename: 'rendez-vous.ics',
        contentType: 'text/calendar',
        size: 5,
        content: Buffer.from('BEGIN'),
      })
      return entry
    }
    at('2026-12-01T10:00')
    const old = await mail('Ancien')
    at('2026-12-20T10:00')
    const recent = await mail('Récent')

    at('2026-12-31T09:00')
    assert.equal((await purgePersonalData())['notifications.mail_bodies'], 0)
    at('2026-12-31T11:00')
    const removed = await purgePersonalData()
    assert.equal(removed['notifications.mail_bodies'], 1)
    assert.equal(removed['notifications.mail_log'], 0)
    await old.refresh()
    assert.isNull(old.html)
    assert.isNull(old.text)
    assert.equal(old.subject, 'Ancien')
    assert.lengthOf(await MailLogAttachment.query().where('mailLogId', old.id), 0)
    await recent.refresh()
    assert.equal(recent.text, 'Votre lien')
    assert.lengthOf(await MailLogAttachment.query().where('mailLogId', recent.id), 1)

    at('2027-12-01T11:00')
    assert.equal((await purgePersonalData())['notifications.mail_log'], 1)
    assert.isNull(await MailLogEntry.find(old.id))
    assert.isNotNull(await MailLogEntry.find(recent.id))
  })

  test('finished jobs go 30 days after they finished; waiting and running ones stay', async ({
    assert,
  }) => {
    at('2026-12-01T10:00')
    const finish = async (status: 'succeeded' | 'dead', finishedAt: string | null) => {
      const job = await enqueue('backup_database', {})
      await db
        .from('jobs')
        .where('id', job.id)
        .update({
          status,
          finished_at: finishedAt ? dbTimestamp(DateTime.fromISO(finishedAt)) : null,
        })
      return job
    }
    const succeeded = await finish('succeeded', '2026-12-01T10:00:00Z')
    const dead = await finish('dead', '2026-12-01T10:00:00Z')
    const recent = await finish('succeeded', '2026-12-20T10:00:00Z')
    const pending = await enqueue('backup_database', {})

    at('2026-12-31T10:30')
    assert.equal((await purgePersonalData())['jobs.finished_jobs'], 0)
    at('2026-12-31T12:00')
    assert.equal((await purgePersonalData())['jobs.finished_jobs'], 2)
    const left = await ids(Job.query().select('id'))
    assert.notInclude(left, succeeded.id)
    assert.notInclude(left, dead.id)
    assert.includeMembers(left, [recent.id, pending.id])
  })
})
