import { test } from '@japa/runner'
import ICAL from 'ical.js'
import db from '@adonisjs/lucid/services/db'
import Appointment from '#appointments/models/appointment'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import Job from '#jobs/job'
import { Worker } from '#jobs/worker'
import BookAppointment, {
  SlotNotOfferedError,
  SlotTakenError,
} from '#appointments/actions/book_appointment'
import {
  cancelAppointment,
  markAttendance,
  moveAppointment,
} from '#appointments/actions/change_appointment'
import { applicant, createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

test.group('Appointments engine', (group) => {
  group.each.setup(() => mailbox.clear())

  test('50 bookings of the same one-desk slot at once: exactly one succeeds, the others are told it was just taken', async ({
    assert,
  }) => {
    const { point, type } = await createAgenda({ desks: 1 })
    const slot = await firstFreeSlot(point, type)
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        new BookAppointment().handle({
          meetingPointId: point.id,
          meetingTypeId: type.id,
          persons: 1,
          start: slot.start,
          applicant: { ...applicant, email: `p${index}@example.org` },
        })
      )
    )
    const booked = attempts.filter((attempt) => attempt.status === 'fulfilled')
    const refused = attempts.filter(
      (attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected'
    )
    assert.lengthOf(booked, 1)
    assert.lengthOf(refused, 49)
    assert.isTrue(
      refused.every((attempt) => attempt.reason instanceof SlotTakenError),
      refused.map((attempt) => String(attempt.reason)).join('\n')
    )
    assert.lengthOf(await Appointment.query().where('status', 'booked'), 1)
    const units = await db.from('appointment_units').count('* as total')
    assert.equal(Number(units[0].total), 3, 'one 15-minute booking = three 5-minute units')
  })

  test('a three-desk slot takes exactly three bookings, a fourth is refused', async ({
    assert,
  }) => {
    const { point, type } = await createAgenda({ desks: 3 })
    const slot = await firstFreeSlot(point, type)
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        new BookAppointment().handle({
          meetingPointId: point.id,
          meetingTypeId: type.id,
          persons: 1,
          start: slot.start,
          applicant,
        })
      )
    )
    assert.lengthOf(
      attempts.filter((attempt) => attempt.status === 'fulfilled'),
      3
    )
    const desks = (await Appointment.all()).map((appointment) => appointment.desk).sort()
    assert.deepEqual(desks, [1, 2, 3])
  })

  test('a slot the agenda does not offer is refused as such, not as taken', async ({ assert }) => {
    const { point, type } = await createAgenda()
    const slot = await firstFreeSlot(point, type)
    await assert.rejects(
      () =>
        new BookAppointment().handle({
          meetingPointId: point.id,
          meetingTypeId: type.id,
          persons: 1,
          start: slot.start.set({ hour: 3 }),
          applicant,
        }),
      SlotNotOfferedError
    )
    await assert.rejects(
      () =>
        new BookAppointment().handle({
          meetingPointId: point.id,
          meetingTypeId: type.id,
          persons: 1,
          start: slot.start.plus({ minutes: 7 }),
          applicant,
        }),
      SlotNotOfferedError
    )
  })

  test('the confirmation mail carries an .ics a real iCalendar parser reads: start, end, place', async ({
    assert,
  }) => {
    const { point, type } = await createAgenda()
    const slot = await firstFreeSlot(point, type, 2)
    const appointment = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 2,
      start: slot.start,
      applicant,
    })
    const mail = await mailbox.waitFor('camille@example.org', /Rendez-vous confirmé/)
    const ics = mail.attachments.find((attachment) => attachment.filename === 'rendez-vous.ics')!
    const calendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')))
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
    assert.equal(event.startDate.toJSDate().getTime(), appointment.startsAt.toMillis())
    assert.equal(
      event.endDate.toJSDate().getTime(),
      appointment.startsAt.plus({ minutes: 30 }).toMillis()
    )
    assert.include(event.location, point.name)
    assert.include(event.location, point.addressLine)
    assert.include(mail.text!, '/rendez-vous/')
  })

  test('the reminder leaves two days before (the test moves the clock), and not for a cancelled appointment', async ({
    assert,
  }) => {
    const { point, type } = await createAgenda()
    const slot = await firstFreeSlot(point, type, 1, 5)
    const kept = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    const slot2 = await firstFreeSlot(point, type, 1, 5)
    const dropped = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot2.start,
      applicant: { ...applicant, email: 'annule@example.org' },
    })
    await cancelAppointment(dropped.id, 'resident')
    await mailbox.deliver()
    assert.lengthOf(
      mailbox.all().filter((mail) => /Rappel/.test(mail.subject ?? '')),
      0,
      'not yet'
    )
    await new Worker().drain(kept.startsAt.minus({ days: 2 }).minus({ minutes: 1 }))
    assert.lengthOf(
      mailbox.all().filter((mail) => /Rappel/.test(mail.subject ?? '')),
      0,
      'one minute early'
    )
    await new Worker().drain(kept.startsAt.minus({ days: 2 }).plus({ minutes: 1 }))
    const reminders = mailbox.all().filter((mail) => /Rappel/.test(mail.subject ?? ''))
    assert.lengthOf(reminders, 1)
    assert.deepEqual(
      reminders[0].to && 'value' in reminders[0].to
        ? reminders[0].to.value.map((entry) => entry.address)
        : [],
      ['camille@example.org']
    )
  })

  test('moving takes the new time before freeing the old one; the old slot is free again', async ({
    assert,
  }) => {
    const { point, type } = await createAgenda()
    const first = await firstFreeSlot(point, type)
    const appointment = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: first.start,
      applicant,
    })
    const target = first.start.plus({ hours: 1 })
    await moveAppointment(appointment.id, { meetingPointId: point.id, start: target })
    await appointment.refresh()
    assert.equal(appointment.startsAt.toMillis(), target.toMillis())
    const again = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: first.start,
      applicant,
    })
    assert.equal(again.status, 'booked')
    await assert.rejects(
      () => moveAppointment(again.id, { meetingPointId: point.id, start: target }),
      SlotTakenError
    )
  })

  test('an agent marks a no-show; a cancelled appointment cannot be marked', async ({ assert }) => {
    const { point, type } = await createAgenda()
    const slot = await firstFreeSlot(point, type)
    const appointment = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    await markAttendance(appointment.id, false)
    await appointment.refresh()
    assert.equal(appointment.status, 'no_show')
    const other = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start.plus({ hours: 2 }),
      applicant,
    })
    await cancelAppointment(other.id, 'agent', { reason: 'Guichet fermé' })
    await assert.rejects(() => markAttendance(other.id, true))
    const told = await mailbox.waitFor('camille@example.org', /annulé/)
    assert.include(told.text!, 'La mairie a dû annuler votre rendez-vous')
    assert.include(told.text!, 'Guichet fermé')
  })

  test('a freed slot alerts the first person waiting, at most once a day', async ({ assert }) => {
    const { point, type } = await createAgenda()
    await WaitingListEntry.create({
      meetingTypeId: type.id,
      meetingPointId: null,
      persons: 1,
      userId: null,
      email: 'premier@example.org',
      firstName: 'Ana',
      status: 'waiting',
    })
    await WaitingListEntry.create({
      meetingTypeId: type.id,
      meetingPointId: point.id,
      persons: 1,
      userId: null,
      email: 'second@example.org',
      firstName: 'Bo',
      status: 'waiting',
    })
    const slot = await firstFreeSlot(point, type)
    const one = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    const two = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start.plus({ hours: 1 }),
      applicant,
    })
    await cancelAppointment(one.id, 'resident')
    await mailbox.waitFor('premier@example.org', /Un créneau s’est libéré/)
    await cancelAppointment(two.id, 'resident')
    await mailbox.waitFor('second@example.org', /Un créneau s’est libéré/)
    assert.lengthOf(
      mailbox.for('premier@example.org').filter((mail) => /libéré/.test(mail.subject ?? '')),
      1,
      'the first person is not alerted twice the same day'
    )
    assert.lengthOf(
      await Job.query().where('name', 'waiting_list_alert').whereNot('status', 'succeeded'),
      0
    )
  })
})

test.group('Appointments: resident pages', (group) => {
  group.each.setup(() => mailbox.clear())

  test('the signed link of the mail opens the appointment without login; a forged one is 404', async ({
    client,
    assert,
  }) => {
    const { point, type } = await createAgenda()
    const slot = await firstFreeSlot(point, type)
    const appointment = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    const mail = await mailbox.waitFor('camille@example.org', /Rendez-vous confirmé/)
    const link = new URL(mailbox.linkIn(mail, `/rendez-vous/${appointment.id}`))
    const page = await client.get(link.pathname + link.search)
    page.assertStatus(200)
    page.assertTextIncludes(point.name)
    const forged = await client.get(`/rendez-vous/${appointment.id}?signature=abc`)
    forged.assertStatus(404)
    const other = await client.get(`/rendez-vous/${appointment.id + 1}${link.search}`)
    other.assertStatus(404)
    const now = clock.now()
    assert.isTrue(appointment.startsAt > now)
  })

  test('past the deadline, the link still shows the appointment but it can no longer be moved or cancelled online', async ({
    client,
    assert,
  }) => {
    const { point, type } = await createAgenda({ type: { cancelDeadlineHours: 24 * 30 } })
    const slot = await firstFreeSlot(point, type)
    const appointment = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    const mail = await mailbox.waitFor('camille@example.org', /Rendez-vous confirmé/)
    const link = new URL(mailbox.linkIn(mail, `/rendez-vous/${appointment.id}`))
    const page = await client.get(link.pathname + link.search)
    page.assertTextIncludes('Il est trop tard pour le modifier en ligne')
    const cancel = await client
      .post(`/rendez-vous/${appointment.id}/annuler`)
      .withSession({ appointment_grants: [appointment.id] })
      .withCsrfToken()
      .redirects(0)
    assert.equal(cancel.header('location'), `/rendez-vous/${appointment.id}`)
    await appointment.refresh()
    assert.equal(appointment.status, 'booked')
  })
})
