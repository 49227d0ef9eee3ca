import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import OpeningRange from '#appointments/models/opening_range'
import { availableSlots } from '#appointments/services/slots'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import { createAgent } from '#tests/support/factories/accounts'
import seedAdministration from '../../database/seeders/demo.js'
import { startAntsSimulator, type AntsSimulator } from '../../connectors/ants_simulator.js'
import { AntsClient } from '../../connectors/ants_client.js'
import { useAntsClient } from '../../connectors/ants.js'
import { TITLE_TYPE } from '../../appointments.js'
import { clock } from '#core/clock'

let ants: AntsSimulator

async function agendas() {
  await db.transaction((trx) => seedAdministration({ trx }))
  const annex = await MeetingPoint.findByOrFail('name', 'Mairie annexe de Courcouronnes')
  const type = await MeetingType.findByOrFail('key', TITLE_TYPE)
  return { annex, type }
}

async function firstSlot(point: MeetingPoint, type: MeetingType, persons: number) {
  const from = clock.local().plus({ days: 2 })
  const slots = await availableSlots(
    point,
    type,
    persons,
    from.toISODate()!,
    from.plus({ days: 21 }).toISODate()!
  )
  return slots[0]
}

const state = (persons = 1) => ({ booking_titre: { reason: 'CNI', persons } })

test.group('ID-card appointments: pre-demande numbers checked with ANTS', (group) => {
  group.setup(async () => {
    ants = await startAntsSimulator({ token: 'jeton-test' })
    useAntsClient(new AntsClient({ baseUrl: ants.url, token: ants.token, timeoutMs: 500 }))
    return async () => {
      useAntsClient(null)
      await ants.stop()
    }
  })
  group.each.setup(() => {
    ants.reset()
    mailbox.clear()
  })

  const check = (
    client: any,
    numbers: Record<string, string>,
    persons = Object.keys(numbers).length
  ) =>
    client
      .post('/formalites/rendez-vous-titre/numeros')
      .form(numbers)
      .withSession(state(persons))
      .withCsrfToken()
      .redirects(0)

  test('two valid numbers lead to the slot choice', async ({ client, assert }) => {
    await agendas()
    const response = await check(client, { numero1: 'ab12cd34ef', numero2: '1122334455' })
    assert.equal(response.header('location'), '/formalites/rendez-vous-titre/creneau')
    assert.deepEqual(
      ants.requests.filter((request) => request.path === '/api/status')[0].query.application_ids,
      ['AB12CD34EF', '1122334455']
    )
  })

  test('a consumed, an expired, an unknown and a badly typed number are each refused with their own message', async ({
    client,
    assert,
  }) => {
    await agendas()
    const response = await check(client, {
      numero1: 'C123456789',
      numero2: 'E123456789',
      numero3: 'X123456789',
      numero4: 'AB12',
    })
    const errors = inputErrors(response)
    assert.match(errors.numero1[0], /déjà servi pour un dépôt/)
    assert.match(errors.numero2[0], /a expiré/)
    assert.match(errors.numero3[0], /ne connaît pas ce numéro/)
    assert.match(errors.numero4[0], /compte 10 caractères/)
  })

  test('a number with an appointment declared elsewhere is refused and that appointment is shown', async ({
    client,
    assert,
  }) => {
    await agendas()
    ants.addAppointment({
      application_id: 'AB12CD34EF',
      meeting_point: 'Mairie de Corbeil-Essonnes',
      meeting_point_id: '7',
      appointment_date: '2026-12-10T10:15:00',
      management_url: 'https://autre-editeur.example/rdv/55',
    })
    const response = await check(client, { numero1: 'AB12CD34EF' })
    assert.match(
      inputErrors(response).numero1[0],
      /Un rendez-vous est déjà pris avec ce numéro \(Mairie de Corbeil-Essonnes, le 10\/12\/2026 à 10h15\)/
    )
    const page = await client
      .get('/formalites/rendez-vous-titre/numeros')
      .withSession({ ...state(1), __flash__: response.flashMessages() as Record<string, unknown> })
    page.assertTextIncludes('https://autre-editeur.example/rdv/55')
  })

  test('ANTS down or too slow: booking is blocked with a clear message and nothing is written', async ({
    client,
    assert,
  }) => {
    await agendas()
    ants.down = true
    const down = await check(client, { numero1: 'AB12CD34EF' })
    down.assertStatus(503)
    down.assertTextIncludes('Le service de l’ANTS ne répond pas')
    ants.down = false
    ants.delayMs = 2000
    const slow = await check(client, { numero1: 'AB12CD34EF' })
    slow.assertStatus(503)
    assert.lengthOf(await Appointment.all(), 0)
  })

  test('booking for two persons declares both numbers to ANTS; a move updates them; a cancellation withdraws them', async ({
    client,
    assert,
  }) => {
    const { annex, type } = await agendas()
    const slot = await firstSlot(annex, type, 2)
    const session = {
      booking_titre: {
        reason: 'CNI',
        persons: 2,
        applicationIds: ['AB12CD34EF', '1122334455'],
        antsStatuses: { 'AB12CD34EF': 'validated', '1122334455': 'validated' },
        pointId: annex.id,
        slot: slot.start.toUTC().toISO(),
      },
    }
    const booked = await client
      .post('/formalites/rendez-vous-titre/coordonnees')
      .form({ firstName: 'Inès', lastName: 'Morel', email: 'ines@example.org' })
      .withSession(session)
      .withCsrfToken()
      .redirects(0)
    booked.assertStatus(303)
    const appointment = await Appointment.firstOrFail()
    assert.equal(appointment.endsAt.diff(appointment.startsAt, 'minutes').minutes, 30)
    await mailbox.deliver()
    assert.sameMembers(
      ants.appointments().map((entry) => entry.application_id),
      ['AB12CD34EF', '1122334455']
    )
    assert.isTrue(
      ants
        .appointments()
        .every(
          (entry) =>
            entry.meeting_point_id === String(annex.id) &&
            entry.management_url.includes(`/rendez-vous/${appointment.id}`)
        )
    )

    const { moveAppointment, cancelAppointment } =
      await import('#appointments/actions/change_appointment')
    const later = await availableSlots(
      annex,
      type,
      2,
      slot.start.setZone('Europe/Paris').plus({ days: 1 }).toISODate()!,
      slot.start.setZone('Europe/Paris').plus({ days: 14 }).toISODate()!
    )
    await moveAppointment(appointment.id, { meetingPointId: annex.id, start: later[0].start })
    await mailbox.deliver()
    const expected = later[0].start.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm:ss")
    assert.deepEqual(
      [...new Set(ants.appointments().map((entry) => entry.appointment_date))],
      [expected]
    )
    assert.lengthOf(ants.appointments(), 2)

    await cancelAppointment(appointment.id, 'resident')
    await mailbox.deliver()
    assert.lengthOf(ants.appointments(), 0)
    assert.isAbove(ants.requests.filter((request) => request.method === 'DELETE').length, 3)
  })

  test('two people racing for the last slot: the second gets the "just taken" page with the next free slots', async ({
    client,
    assert,
  }) => {
    const { annex, type } = await agendas()
    const slot = await firstSlot(annex, type, 1)
    const session = {
      booking_titre: {
        reason: 'CNI',
        persons: 1,
        applicationIds: ['AB12CD34EF'],
        antsStatuses: { AB12CD34EF: 'validated' },
        pointId: annex.id,
        slot: slot.start.toUTC().toISO(),
      },
    }
    const first = await client
      .post('/formalites/rendez-vous-titre/coordonnees')
      .form({ firstName: 'A', lastName: 'Un', email: 'a@example.org' })
      .withSession(session)
      .withCsrfToken()
      .redirects(0)
    first.assertStatus(303)
    const second = await client
      .post('/formalites/rendez-vous-titre/coordonnees')
      .form({ firstName: 'B', lastName: 'Deux', email: 'b@example.org' })
      .withSession({ booking_titre: { ...session.booking_titre, applicationIds: ['1122334455'] } })
      .withCsrfToken()
      .redirects(0)
    second.assertStatus(409)
    second.assertTextIncludes('Ce créneau vient d’être pris')
    second.assertTextIncludes('name="slot"')
    assert.lengthOf(await Appointment.all(), 1)
  })
})

test.group('ID-card appointments: the waiting list', () => {
  test('with no free slot, a resident joins the waiting list for the point shown and the number of persons chosen', async ({
    client,
    assert,
  }) => {
    const { annex, type } = await agendas()
    const response = await client
      .post('/formalites/rendez-vous-titre/liste-attente')
      .form({ firstName: 'Awa', email: 'awa@example.org', point: String(annex.id) })
      .withSession(state(2))
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', '/formalites/rendez-vous-titre/creneau')
    const entries = await WaitingListEntry.all()
    assert.lengthOf(entries, 1)
    const { meetingTypeId, meetingPointId, persons, userId, email, firstName, status } = entries[0]
    assert.deepEqual(
      { meetingTypeId, meetingPointId, persons, userId, email, firstName, status },
      {
        meetingTypeId: type.id,
        meetingPointId: annex.id,
        persons: 2,
        userId: null,
        email: 'awa@example.org',
        firstName: 'Awa',
        status: 'waiting',
      }
    )

    const withoutChoices = await client
      .post('/formalites/rendez-vous-titre/liste-attente')
      .form({ firstName: 'Awa', email: 'awa@example.org' })
      .withCsrfToken()
      .redirects(0)
    withoutChoices.assertHeader('location', '/formalites/rendez-vous-titre')
    assert.lengthOf(await WaitingListEntry.all(), 1)
  })
})

test.group('ANTS editor endpoints', (group) => {
  group.each.setup(() => mailbox.clear())
  const hub = { 'X-HUB-RDV-AUTH-TOKEN': 'test-hub-token' }

  test('answer 401 without the token or with a wrong one', async ({ client }) => {
    for (const path of [
      '/api/ants/getManagedMeetingPoints',
      '/api/ants/availableTimeSlots?start_date=2026-12-01&end_date=2026-12-02',
      '/api/ants/searchApplicationIds?application_ids=AB12CD34EF',
    ]) {
      ;(await client.get(path)).assertStatus(401)
      ;(await client.get(path).header('X-HUB-RDV-AUTH-TOKEN', 'faux')).assertStatus(401)
    }
  })

  test('getManagedMeetingPoints lists the état-civil points field by field', async ({
    client,
    assert,
  }) => {
    const { annex } = await agendas()
    const response = await client.get('/api/ants/getManagedMeetingPoints').headers(hub)
    response.assertStatus(200)
    const body = response.body() as Record<string, unknown>[]
    assert.lengthOf(body, 2)
    const entry = body.find((point) => point.id === String(annex.id))!
    assert.includeMembers(Object.keys(entry), [
      'id',
      'name',
      'longitude',
      'latitude',
      'public_entry_address',
      'zip_code',
      'city_name',
    ])
    assert.equal(entry.zip_code, '91080')
    assert.equal(entry.public_entry_address, '2 rue Paul Puech')
    assert.typeOf(entry.latitude, 'number')
  })

  test('availableTimeSlots reads repeated keys, answers Paris wall-clock time with a Z, sorted, with a callback URL', async ({
    client,
    assert,
  }) => {
    const { annex, type } = await agendas()
    const townHall = await MeetingPoint.findByOrFail('name', 'Hôtel de ville — État civil')
    const slot = await firstSlot(annex, type, 2)
    const day = slot.start.setZone('Europe/Paris').toISODate()
    const response = await client
      .get(
        `/api/ants/availableTimeSlots?meeting_point_ids=${annex.id}&meeting_point_ids=${townHall.id}&start_date=${day}&end_date=${day}&reason=CNI&documents_number=2`
      )
      .headers(hub)
    response.assertStatus(200)
    const body = response.body() as Record<string, { datetime: string; callback_url: string }[]>
    assert.sameMembers(Object.keys(body), [String(annex.id), String(townHall.id)])
    const first = body[String(annex.id)][0]
    assert.equal(
      first.datetime,
      `${slot.start.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm")}Z`
    )
    assert.match(
      first.callback_url,
      /\/formalites\/rendez-vous-titre\?lieu=\d+&debut=.+&motif=CNI&personnes=2$/
    )
    const times = body[String(annex.id)].map((entry) => entry.datetime)
    assert.deepEqual(times, [...times].sort())
    assert.equal(new Set(times).size, times.length)
    const bad = await client
      .get(
        `/api/ants/availableTimeSlots?meeting_point_ids=${annex.id}&start_date=${day}&end_date=${day}&reason=VISA`
      )
      .headers(hub)
    bad.assertStatus(400)
    bad.assertBodyContains({ error: { code: 400, message: 'Invalid reason param' } })
    const reversed = await client
      .get(
        `/api/ants/availableTimeSlots?meeting_point_ids=${annex.id}&start_date=2026-12-10&end_date=2026-12-01`
      )
      .headers(hub)
    reversed.assertStatus(400)
  })

  test('availableTimeSlots over weeks with a DST change and holidays lists exactly the engine’s free slots, in Paris wall-clock time', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-10-19T09:00:00', { freeze: true })
    const { annex, type } = await agendas()
    const townHall = await MeetingPoint.findByOrFail('name', 'Hôtel de ville — État civil')
    await OpeningRange.create({
      meetingPointId: townHall.id,
      desk: null,
      weekday: 7,
      startsAt: '01:30',
      endsAt: '04:00',
    })
    const [from, to] = ['2026-10-20', '2026-11-12']
    const response = await client
      .get(
        `/api/ants/availableTimeSlots?meeting_point_ids=${annex.id}&meeting_point_ids=${townHall.id}&start_date=${from}&end_date=${to}&reason=CNI&documents_number=2`
      )
      .headers(hub)
    response.assertStatus(200)
    const body = response.body() as Record<string, { datetime: string; callback_url: string }[]>
    for (const point of [annex, townHall]) {
      const slots = await availableSlots(point, type, 2, from, to)
      const local = slots.map((slot) =>
        slot.start.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm")
      )
      assert.isAbove(local.length, 100)
      assert.deepEqual(
        body[String(point.id)].map((entry) => entry.datetime),
        local.map((time) => `${time}Z`)
      )
      assert.deepEqual(
        body[String(point.id)].map((entry) =>
          new URL(entry.callback_url).searchParams.get('debut')
        ),
        local
      )
    }
    const night = body[String(townHall.id)].filter((entry) =>
      entry.datetime.startsWith('2026-10-25')
    )
    assert.includeMembers(
      night.map((entry) => entry.datetime),
      ['2026-10-25T01:30Z', '2026-10-25T02:30Z', '2026-10-25T03:30Z']
    )
    assert.isFalse(
      body[String(townHall.id)].some((entry) => entry.datetime.startsWith('2026-11-11'))
    )
  })

  test('searchApplicationIds returns the appointments really booked with those numbers, ids split as the hub packs them', async ({
    client,
    assert,
  }) => {
    const { annex, type } = await agendas()
    const slot = await firstSlot(annex, type, 2)
    const BookAppointment = (await import('#appointments/actions/book_appointment')).default
    const ants2 = await startAntsSimulator()
    useAntsClient(new AntsClient({ baseUrl: ants2.url, token: ants2.token }))
    try {
      await new BookAppointment().handle({
        meetingPointId: annex.id,
        meetingTypeId: type.id,
        persons: 2,
        start: slot.start,
        applicant: {
          userId: null,
          firstName: 'A',
          lastName: 'B',
          email: 'ab@example.org',
          phone: null,
        },
        details: {
          reason: 'CNI',
          applicationIds: ['AB12CD34EF', '1122334455'],
          antsStatuses: { 'AB12CD34EF': 'validated', '1122334455': 'validated' },
        },
      })
    } finally {
      useAntsClient(null)
      await ants2.stop()
    }
    const response = await client
      .get(
        '/api/ants/searchApplicationIds?application_ids=AB12CD34EF,1122334455&application_ids=ZZ99ZZ99ZZ'
      )
      .headers(hub)
    response.assertStatus(200)
    const body = response.body() as Record<
      string,
      { meeting_point: string; datetime: string; management_url: string; cancel_url: string }[]
    >
    assert.sameMembers(Object.keys(body), ['AB12CD34EF', '1122334455', 'ZZ99ZZ99ZZ'])
    assert.lengthOf(body.ZZ99ZZ99ZZ, 0)
    assert.equal(body.AB12CD34EF[0].meeting_point, annex.name)
    assert.equal(
      body.AB12CD34EF[0].datetime,
      `${slot.start.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm")}Z`
    )
    assert.match(body.AB12CD34EF[0].management_url, /\/rendez-vous\/\d+\?signature=/)
    assert.match(body.AB12CD34EF[0].cancel_url, /\/rendez-vous\/\d+\/annuler\?signature=/)
  })
})

test.group('État-civil agenda in the back office', () => {
  test('an agent of another service cannot see or edit the agendas or appointments', async ({
    client,
    assert,
  }) => {
    const { annex, type } = await agendas()
    const slot = await firstSlot(annex, type, 1)
    const BookAppointment = (await import('#appointments/actions/book_appointment')).default
    const appointment = await new BookAppointment().handle({
      meetingPointId: annex.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start,
      applicant: { userId: null, firstName: 'A', lastName: 'B', email: null, phone: null },
      details: { applicationIds: [] },
    })
    const police = await createAgent({ services: ['police_municipale'] })
    for (const path of [
      '/agents/formalites',
      '/agents/formalites/semaine',
      '/agents/formalites/imprimer',
      '/agents/formalites/reserver',
      `/agents/formalites/rendez-vous/${appointment.id}/annuler`,
    ]) {
      const response = await client.get(path).withGuard('agent').loginAs(police)
      assert.equal(response.status(), 404, path)
    }
    const absent = await client
      .post(`/agents/formalites/rendez-vous/${appointment.id}/presence`)
      .form({ attended: '0' })
      .withGuard('agent')
      .loginAs(police)
      .withCsrfToken()
    absent.assertStatus(404)
    await appointment.refresh()
    assert.equal(appointment.status, 'booked')

    const clerk = await createAgent({ services: ['etat_civil'] })
    const day = await client
      .get(
        `/agents/formalites?lieu=${annex.id}&jour=${appointment.startsAt.setZone('Europe/Paris').toISODate()}`
      )
      .withGuard('agent')
      .loginAs(clerk)
    day.assertStatus(200)
    day.assertTextIncludes('A B')
    await client
      .post(`/agents/formalites/rendez-vous/${appointment.id}/presence`)
      .form({ attended: '0' })
      .withGuard('agent')
      .loginAs(clerk)
      .withCsrfToken()
    await appointment.refresh()
    assert.equal(appointment.status, 'no_show')
  })
})
