import { test } from '@japa/runner'
import ICAL from 'ical.js'
import mail from '@adonisjs/mail/services/main'
import MailLogEntry from '#notifications/models/mail_log_entry'
import MailLogAttachment from '#notifications/models/mail_log_attachment'
import BookAppointment from '#appointments/actions/book_appointment'
import { cancelAppointment } from '#appointments/actions/change_appointment'
import { ZONE } from '#appointments/services/slots'
import { applicant, createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

/** The one event of an iCalendar file, read by a real parser. */
function eventOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
}

async function bookOne(options: { userId?: number | null } = {}) {
  const { point, type } = await createAgenda()
  const slot = await firstFreeSlot(point, type)
  const appointment = await new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: type.id,
    persons: 1,
    start: slot.start,
    applicant: { ...applicant, userId: options.userId ?? null },
  })
  return { point, type, slot, appointment }
}

test.group('Stored mails (no SMTP) keep their attachments', (group) => {
  group.each.setup(() => mailbox.clear())

  test('the confirmation of an appointment keeps its .ics, which an admin downloads from the mail page', async ({
    client,
    assert,
  }) => {
    const configured = mail.config.default
    // As on an install without SMTP settings: every mail goes to the stored transport.
    mail.config.default = 'stored'
    try {
      const { point, slot } = await bookOne()
      await mailbox.deliver()
      const entry = await MailLogEntry.query()
        .where('mailer', 'stored')
        .where('subject', 'like', 'Rendez-vous confirmé%')
        .firstOrFail()
      const [file] = await MailLogAttachment.query().where('mailLogId', entry.id)
      assert.equal(file.filename, 'rendez-vous.ics')

      const admin = await createAgent({ role: 'admin' })
      const page = await client
        .get(`/agents/admin/mails/${entry.id}`)
        .withGuard('agent')
        .loginAs(admin)
      page.assertStatus(200)
      page.assertTextIncludes(`href="/agents/admin/mails/${entry.id}/pieces/${file.id}"`)
      const download = await client
        .get(`/agents/admin/mails/${entry.id}/pieces/${file.id}`)
        .withGuard('agent')
        .loginAs(admin)
      download.assertStatus(200)
      assert.match(download.header('content-type')!, /^text\/calendar/)
      assert.match(
        download.header('content-disposition')!,
        /^attachment; filename="rendez-vous.ics"/
      )
      const event = eventOf(download.text())
      assert.equal(event.startDate.toJSDate().getTime(), slot.start.toMillis())
      assert.include(event.location, point.name)
    } finally {
      mail.config.default = configured
    }
    assert.lengthOf(mailbox.all(), 0, 'nothing went through SMTP')
  })

  test('a stored attachment is for admins only, and one of another mail is not found', async ({
    client,
  }) => {
    await mail.use('stored').send((message) => {
      message
        .to('lea@example.org')
        .from('mairie@example.org')
        .subject('Avec pièce')
        .text('Voir la pièce jointe')
        .attachData(Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'), {
          filename: 'a.ics',
          contentType: 'text/calendar',
        })
    })
    await mail.use('stored').send((message) => {
      message.to('hugo@example.org').from('mairie@example.org').subject('Sans pièce').text('Rien')
    })
    const [withFile, withoutFile] = await MailLogEntry.query().orderBy('id')
    const file = await MailLogAttachment.query().firstOrFail()
    const agent = await createAgent({ services: ['accueil'] })
    const admin = await createAgent({ role: 'admin' })
    ;(
      await client
        .get(`/agents/admin/mails/${withFile.id}/pieces/${file.id}`)
        .withGuard('agent')
        .loginAs(agent)
    ).assertStatus(403)
    ;(
      await client
        .get(`/agents/admin/mails/${withoutFile.id}/pieces/${file.id}`)
        .withGuard('agent')
        .loginAs(admin)
    ).assertStatus(404)
  })

  test('an HTML attachment is offered as bytes to save, never rendered by the browser', async ({
    client,
    assert,
  }) => {
    await mail.use('stored').send((message) => {
      message
        .to('lea@example.org')
        .from('mairie@example.org')
        .subject('Piège')
        .text('x')
        .attachData(Buffer.from('<script>alert(1)</script>'), {
          filename: 'piège.html',
          contentType: 'text/html',
        })
    })
    const entry = await MailLogEntry.query().firstOrFail()
    const file = await MailLogAttachment.query().firstOrFail()
    const admin = await createAgent({ role: 'admin' })
    const download = await client
      .get(`/agents/admin/mails/${entry.id}/pieces/${file.id}`)
      .withGuard('agent')
      .loginAs(admin)
    assert.equal(download.header('content-type'), 'application/octet-stream')
    assert.equal(
      download.header('content-disposition'),
      `attachment; filename="pi_ge.html"; filename*=UTF-8''pi%C3%A8ge.html`
    )
  })
})

test.group('Appointments: "Ajouter à mon agenda"', (group) => {
  group.each.setup(() => mailbox.clear())

  test('the page opened from the mail offers an .ics a real parser reads, with the time, the place and the link to manage it', async ({
    client,
    assert,
  }) => {
    const { point, slot, appointment } = await bookOne()
    const confirmation = await mailbox.waitFor('camille@example.org', /Rendez-vous confirmé/)
    const link = new URL(mailbox.linkIn(confirmation, `/rendez-vous/${appointment.id}`))
    const page = await client.get(link.pathname + link.search)
    page.assertStatus(200)
    page.assertTextIncludes(`href="/rendez-vous/${appointment.id}/agenda.ics"`)
    page.assertTextIncludes('Ajouter à mon agenda')

    const ics = await client
      .get(`/rendez-vous/${appointment.id}/agenda.ics`)
      .withSession(page.session())
    ics.assertStatus(200)
    assert.match(ics.header('content-type')!, /^text\/calendar/)
    assert.match(ics.header('content-disposition')!, /^attachment; filename="rendez-vous.ics"/)
    assert.include(ics.header('cache-control')!, 'no-store')
    const event = eventOf(ics.text())
    assert.equal(event.startDate.toJSDate().getTime(), slot.start.toMillis())
    assert.equal(event.endDate.toJSDate().getTime(), appointment.endsAt.toMillis())
    assert.include(event.location, point.name)
    // The same event as the mail's attachment: a calendar that has one updates it.
    const attached = confirmation.attachments.find(
      (attachment) => attachment.filename === 'rendez-vous.ics'
    )!
    assert.equal(event.uid, eventOf(attached.content.toString('utf8')).uid)
  })

  test('its owner gets it from the resident space; anybody else gets 404', async ({ client }) => {
    const owner = await createResident({ email: 'proprietaire@example.org' })
    const stranger = await createResident({ email: 'autre@example.org' })
    const { appointment } = await bookOne({ userId: owner.id })
    ;(
      await client.get(`/rendez-vous/${appointment.id}/agenda.ics`).withGuard('web').loginAs(owner)
    ).assertStatus(200)
    ;(
      await client
        .get(`/rendez-vous/${appointment.id}/agenda.ics`)
        .withGuard('web')
        .loginAs(stranger)
    ).assertStatus(404)
    ;(await client.get(`/rendez-vous/${appointment.id}/agenda.ics`)).assertStatus(404)
    ;(await client.get(`/rendez-vous/${appointment.id}/agenda.ics?signature=abc`)).assertStatus(404)
  })

  test('a cancelled appointment offers no calendar file', async ({ client, assert }) => {
    const owner = await createResident({ email: 'annule@example.org' })
    const { appointment } = await bookOne({ userId: owner.id })
    await cancelAppointment(appointment.id, 'resident')
    const page = await client.get(`/rendez-vous/${appointment.id}`).withGuard('web').loginAs(owner)
    assert.notInclude(page.text(), 'agenda.ics')
    ;(
      await client.get(`/rendez-vous/${appointment.id}/agenda.ics`).withGuard('web').loginAs(owner)
    ).assertStatus(404)
  })

  test('moving to a slot in the past forged in the form is refused as unavailable, not as just taken', async ({
    client,
    assert,
  }) => {
    const owner = await createResident({ email: 'deplace@example.org' })
    const { point, appointment } = await bookOne({ userId: owner.id })
    const booked = appointment.startsAt.toMillis()
    const past = clock
      .local()
      .setZone(ZONE)
      .minus({ days: 1 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 })
    const response = await client
      .post(`/rendez-vous/${appointment.id}/deplacer`)
      .form({ point: point.id, slot: past.toUTC().toISO() })
      .withGuard('web')
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('Ce créneau n’est pas disponible')
    assert.notInclude(response.text(), 'vient d’être pris')
    await appointment.refresh()
    assert.equal(appointment.startsAt.toMillis(), booked, 'the appointment stays where it was')
  })
})
