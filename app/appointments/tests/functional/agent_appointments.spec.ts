import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Appointment from '#appointments/models/appointment'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import AuditEntry from '#accounts/models/audit_entry'
import BookAppointment from '#appointments/actions/book_appointment'
import { availableSlots } from '#appointments/services/slots'
import { createAgent } from '#tests/support/factories/accounts'
import { applicant, createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

type Agenda = Awaited<ReturnType<typeof createAgenda>>

/** Books `count` appointments on one day (every desk of each slot), named Durand0, Durand1… */
async function fillDay({ point, type }: Agenda, count: number) {
  const day = clock.local().plus({ days: 3 })
  const slots = await availableSlots(
    point,
    type,
    1,
    day.toISODate()!,
    day.plus({ days: 10 }).toISODate()!
  )
  const first = slots[0].day
  const starts = slots
    .filter((slot) => slot.day === first)
    .flatMap((slot) => slot.freeDesks.map(() => slot.start))
    .slice(0, count)
  if (starts.length < count) throw new Error(`Only ${starts.length} free places on ${first}`)
  for (const [index, start] of starts.entries())
    await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start,
      applicant: { ...applicant, lastName: `Durand${index}`, email: `p${index}@example.org` },
    })
  return first
}

test.group('Agents move an appointment', (group) => {
  group.each.setup(() => mailbox.clear())

  test('an agent moves an appointment to another free slot: one change, the resident is told, the old slot is free and the waiting list hears of it', async ({
    client,
    assert,
  }) => {
    const agenda = await createAgenda({ service: 'urbanisme' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const slot = await firstFreeSlot(agenda.point, agenda.type)
    const appointment = await new BookAppointment().handle({
      meetingPointId: agenda.point.id,
      meetingTypeId: agenda.type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    await mailbox.waitFor('camille@example.org', /Rendez-vous confirmé/)
    await WaitingListEntry.create({
      meetingTypeId: agenda.type.id,
      meetingPointId: null,
      persons: 1,
      userId: null,
      email: 'attente@example.org',
      firstName: 'Ana',
      status: 'waiting',
    })
    const later = await firstFreeSlot(agenda.point, agenda.type, 1, 5)
    const page = await client
      .get(`/agents/rendez-vous/${appointment.id}/deplacer`)
      .withGuard('agent')
      .loginAs(agent)
    page.assertStatus(200)
    const moved = await client
      .post(`/agents/rendez-vous/${appointment.id}/deplacer`)
      .form({ point: String(agenda.point.id), slot: later.start.toUTC().toISO()! })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    moved.assertStatus(303)
    moved.assertHeader('location', `/agents/rendez-vous/${appointment.id}`)
    await appointment.refresh()
    assert.equal(appointment.startsAt.toMillis(), later.start.toMillis())
    assert.equal(appointment.status, 'booked')
    await mailbox.waitFor('camille@example.org', /Rendez-vous déplacé/)
    await mailbox.waitFor('attente@example.org', /Un créneau s’est libéré/)
    const freed = await availableSlots(agenda.point, agenda.type, 1, slot.day, slot.day)
    assert.isTrue(
      freed.some((free) => free.start.toMillis() === slot.start.toMillis()),
      'the old slot is free again'
    )
    // 15 minutes are three 5-minute units, all at the new time
    const units = await db.from('appointment_units').where('appointment_id', appointment.id)
    assert.lengthOf(units, 3)
  })

  test('a slot taken meanwhile is refused next to the slots, and the appointment stays where it was', async ({
    client,
    assert,
  }) => {
    const agenda = await createAgenda({ service: 'urbanisme' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const slot = await firstFreeSlot(agenda.point, agenda.type)
    const book = (start = slot.start, email = 'a@example.org') =>
      new BookAppointment().handle({
        meetingPointId: agenda.point.id,
        meetingTypeId: agenda.type.id,
        persons: 1,
        start,
        applicant: { ...applicant, email },
      })
    const appointment = await book()
    const taken = await book(slot.start.plus({ hours: 2 }), 'b@example.org')
    const response = await client
      .post(`/agents/rendez-vous/${appointment.id}/deplacer`)
      .form({ point: String(agenda.point.id), slot: taken.startsAt.toUTC().toISO()! })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.match(inputErrors(response).slot[0], /vient d’être pris|pris/)
    await appointment.refresh()
    assert.equal(appointment.startsAt.toMillis(), slot.start.toMillis())
  })

  test('an agent of another service cannot open nor move the appointment', async ({
    client,
    assert,
  }) => {
    const agenda = await createAgenda({ service: 'urbanisme' })
    const outsider = await createAgent({ services: ['etat_civil'] })
    const slot = await firstFreeSlot(agenda.point, agenda.type)
    const appointment = await new BookAppointment().handle({
      meetingPointId: agenda.point.id,
      meetingTypeId: agenda.type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    ;(
      await client.get(`/agents/rendez-vous/${appointment.id}`).withGuard('agent').loginAs(outsider)
    ).assertStatus(404)
    const later = await firstFreeSlot(agenda.point, agenda.type, 1, 5)
    const response = await client
      .post(`/agents/rendez-vous/${appointment.id}/deplacer`)
      .form({ point: String(agenda.point.id), slot: later.start.toUTC().toISO()! })
      .withGuard('agent')
      .loginAs(outsider)
      .withCsrfToken()
    response.assertStatus(404)
    await appointment.refresh()
    assert.equal(appointment.startsAt.toMillis(), slot.start.toMillis())
  })
})

test.group('Agents list the appointments of a day or a week', () => {
  test('the day list pages by key through every appointment, with none of another service', async ({
    client,
    assert,
  }) => {
    const agenda = await createAgenda({ service: 'urbanisme', desks: 2 })
    const other = await createAgenda({ service: 'etat_civil' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const day = await fillDay(agenda, 55)
    await fillDay(other, 3)
    const first = await client
      .get(`/agents/rendez-vous?jour=${day}`)
      .withGuard('agent')
      .loginAs(agent)
    first.assertStatus(200)
    const rows = (html: string) => html.match(/href="\/agents\/rendez-vous\/\d+"/g) ?? []
    assert.lengthOf(rows(first.text()), 50)
    const next = /href="([^"]*apres=\d+[^"]*)" rel="next"/
      .exec(first.text())![1]
      .replaceAll('&amp;', '&')
    const second = await client.get(next).withGuard('agent').loginAs(agent)
    assert.lengthOf(rows(second.text()), 5)
    assert.notInclude(second.text(), 'rel="next"')
    const seen = new Set([...rows(first.text()), ...rows(second.text())])
    assert.equal(seen.size, 55, 'no appointment twice, none left out')
    const week = await client
      .get(`/agents/rendez-vous?jour=${day}&periode=semaine`)
      .withGuard('agent')
      .loginAs(agent)
    assert.lengthOf(rows(week.text()), 50)
  })

  test('agents search by name and by reference', async ({ client, assert }) => {
    const agenda = await createAgenda({ service: 'urbanisme' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const day = await fillDay(agenda, 12)
    const byName = await client
      .get(`/agents/rendez-vous?jour=${day}&q=durand11`)
      .withGuard('agent')
      .loginAs(agent)
    assert.include(byName.text(), 'Durand11')
    assert.notInclude(byName.text(), 'Durand10 ')
    const target = await Appointment.findByOrFail('lastName', 'Durand3')
    const byReference = await client
      .get(`/agents/rendez-vous?jour=${day}&q=RDV-${target.id}`)
      .withGuard('agent')
      .loginAs(agent)
    assert.include(byReference.text(), 'Durand3')
    assert.notInclude(byReference.text(), 'Durand4')
    const wildcard = await client
      .get(`/agents/rendez-vous?jour=${day}&q=%25`)
      .withGuard('agent')
      .loginAs(agent)
    assert.include(wildcard.text(), 'Aucun rendez-vous sur cette période.')
  })

  test('the CSV export holds every matching row of the agent’s services and is audited with its filter and count', async ({
    client,
    assert,
  }) => {
    const agenda = await createAgenda({ service: 'urbanisme', desks: 2 })
    const other = await createAgenda({ service: 'etat_civil' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const day = await fillDay(agenda, 60)
    await fillDay(other, 4)
    const response = await client
      .get(`/agents/rendez-vous/export?jour=${day}&periode=semaine&q=durand`)
      .withGuard('agent')
      .loginAs(agent)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = response
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0].split(';')[0], 'Référence')
    assert.lengthOf(lines, 61)
    assert.isTrue(lines.slice(1).every((line) => line.includes('Mairie')))
    const entry = await AuditEntry.query().where('action', 'list.exported').firstOrFail()
    assert.equal(entry.agentId, agent.id)
    assert.equal(entry.rowCount, 60)
    assert.include(entry.detail!, 'rendez-vous')
    assert.include(entry.detail!, 'periode=semaine')
    assert.include(entry.detail!, 'q=durand')
  })
})
