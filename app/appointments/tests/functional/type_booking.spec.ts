import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Appointment from '#appointments/models/appointment'
import MeetingType from '#appointments/models/meeting_type'
import MeetingPoint from '#appointments/models/meeting_point'
import OpeningRange from '#appointments/models/opening_range'
import Job from '#jobs/job'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import Service from '#accounts/models/service'
import { pointsOfType } from '#appointments/queries/meeting_types'
import { createAgent, createResident, createService } from '#tests/support/factories/accounts'
import { createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'

/** An urbanisme desk (a service no brick brings) open every day, as an admin would set it up. */
async function urbanismeDesk(name = 'Pôle urbanisme') {
  if (!(await Service.findBy('slug', 'urbanisme'))) await createService('urbanisme', 'Urbanisme')
  const point = await MeetingPoint.create({
    name,
    addressLine: '1 place des Droits de l’Homme',
    postalCode: '91000',
    city: 'Évry-Courcouronnes',
    serviceSlug: 'urbanisme',
    desks: 1,
    active: true,
    accessNotes: null,
    latitude: null,
    longitude: null,
  })
  await OpeningRange.createMany(
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      meetingPointId: point.id,
      desk: null,
      weekday,
      startsAt: '09:00',
      endsAt: '17:00',
    }))
  )
  return point
}

const typeForm = {
  key: 'urbanisme-permis',
  label: 'Conseil permis de construire',
  serviceSlug: 'urbanisme',
  durationMinutes: '30',
  maxPersons: '2',
  bookableBy: 'resident',
  minDelayHours: '2',
  maxDelayDays: '30',
  cancelDeadlineHours: '24',
  active: '1',
}

test.group('Admins create meeting types for any service', (group) => {
  group.each.setup(() => mailbox.clear())

  test('an admin creates an urbanisme type offered at one of its points, and its booking page opens', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const desk = await urbanismeDesk()
    await urbanismeDesk('Annexe urbanisme')
    const response = await client
      .post('/agents/admin/agendas/types')
      .form({ ...typeForm, pointIds: [String(desk.id)] })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    const type = await MeetingType.findByOrFail('key', 'urbanisme-permis')
    assert.equal(type.serviceSlug, 'urbanisme')
    assert.equal(type.durationMinutes, 30)
    assert.deepEqual(
      (await pointsOfType(type)).map((point) => point.name),
      ['Pôle urbanisme']
    )
    const page = await client.get('/rendez-vous/urbanisme-permis')
    page.assertStatus(200)
    page.assertTextIncludes('Conseil permis de construire')
    page.assertTextIncludes('Pôle urbanisme')
    assert.notInclude(page.text(), 'Annexe urbanisme')
  })

  test('a bad address, a taken address and a point of another service are refused in French next to their fields', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await urbanismeDesk()
    const { point: civilPoint } = await createAgenda({ service: 'etat_civil' })
    await createService('etat_civil', 'État civil')
    const post = (form: Record<string, unknown>) =>
      client
        .post('/agents/admin/agendas/types')
        .form(form)
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
    const badKey = await post({ ...typeForm, key: '12 Permis!' })
    assert.match(inputErrors(badKey).key[0], /minuscules, des chiffres et des tirets/)
    const otherService = await post({ ...typeForm, pointIds: [String(civilPoint.id)] })
    assert.equal(inputErrors(otherService).pointIds[0], 'Ne cochez que des lieux du service choisi')
    await post(typeForm)
    const taken = await post({ ...typeForm, label: 'Autre' })
    assert.equal(inputErrors(taken).key[0], 'Cette valeur est déjà utilisée')
    const noDuration = await post({ ...typeForm, key: 'urbanisme-autre', durationMinutes: '7' })
    assert.equal(
      inputErrors(noDuration).durationMinutes[0],
      'La durée doit être un multiple de 5 minutes'
    )
    assert.equal(Number((await db.from('meeting_types').count('* as total'))[0].total), 2)
  })

  test('an admin edits a type: another point, agents only — its booking page is then gone', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await urbanismeDesk()
    const annex = await urbanismeDesk('Annexe urbanisme')
    await client
      .post('/agents/admin/agendas/types')
      .form(typeForm)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    const type = await MeetingType.findByOrFail('key', 'urbanisme-permis')
    assert.lengthOf(await pointsOfType(type), 2, 'no point ticked: every point of the service')
    const changes = Object.fromEntries(Object.entries(typeForm).filter(([name]) => name !== 'key'))
    await client
      .post(`/agents/admin/agendas/types/${type.id}`)
      .form({ ...changes, pointIds: [String(annex.id)], bookableBy: 'agent' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    await type.refresh()
    assert.equal(type.bookableBy, 'agent')
    assert.equal(type.key, 'urbanisme-permis', 'the key never changes')
    assert.deepEqual(
      (await pointsOfType(type)).map((point) => point.id),
      [annex.id]
    )
    const page = await client.get('/rendez-vous/urbanisme-permis')
    page.assertStatus(404)
  })
})

test.group('Residents book any type on /rendez-vous/<type>', (group) => {
  group.each.setup(() => mailbox.clear())

  test('a resident picks the point, the day and the slot, gives their details and gets the confirmation mail', async ({
    client,
    assert,
  }) => {
    const point = await urbanismeDesk()
    const { type } = await createAgenda({ service: 'urbanisme' })
    type.merge({ key: 'urbanisme-conseil', label: 'Conseil en urbanisme', maxPersons: 2 })
    await type.save()
    const slot = await firstFreeSlot(point, type, 2)
    const page = await client.get(`/rendez-vous/urbanisme-conseil?lieu=${point.id}&personnes=2`)
    page.assertStatus(200)
    page.assertTextIncludes('Durée du rendez-vous : 30 minutes.')

    const chosen = await client
      .post('/rendez-vous/urbanisme-conseil/creneau')
      .form({ point: String(point.id), persons: '2', slot: slot.start.toUTC().toISO()! })
      .withCsrfToken()
      .redirects(0)
    chosen.assertStatus(303)
    chosen.assertHeader('location', '/rendez-vous/urbanisme-conseil/coordonnees')
    const choice = { pointId: point.id, persons: 2, slot: slot.start.toUTC().toISO()! }
    assert.deepEqual(
      chosen.session().booking_type_urbanisme_conseil ??
        chosen.session()['booking_type_urbanisme-conseil'],
      choice
    )

    const contact = await client
      .get('/rendez-vous/urbanisme-conseil/coordonnees')
      .withSession({ 'booking_type_urbanisme-conseil': choice })
    contact.assertStatus(200)
    contact.assertTextIncludes('Pôle urbanisme')

    const booked = await client
      .post('/rendez-vous/urbanisme-conseil/coordonnees')
      .form({ firstName: 'Léa', lastName: 'Martin', email: 'lea@example.org', phone: '' })
      .withSession({ 'booking_type_urbanisme-conseil': choice })
      .withCsrfToken()
      .redirects(0)
    booked.assertStatus(303)
    const appointment = await Appointment.findByOrFail('email', 'lea@example.org')
    booked.assertHeader('location', `/rendez-vous/${appointment.id}`)
    assert.equal(appointment.meetingTypeId, type.id)
    assert.equal(appointment.persons, 2)
    assert.equal(appointment.startsAt.toMillis(), slot.start.toMillis())
    assert.equal(appointment.endsAt.diff(appointment.startsAt, 'minutes').minutes, 30)
    const mail = await mailbox.waitFor('lea@example.org', /Rendez-vous confirmé/)
    assert.include(mail.text!, 'Pôle urbanisme')
    // the appointment's own page (a number) is still the appointment, not a type
    const own = await client
      .get(`/rendez-vous/${appointment.id}`)
      .withSession({ appointment_grants: [appointment.id] })
    own.assertStatus(200)
    own.assertTextIncludes('Conseil en urbanisme')
  })

  test('a slot taken meanwhile is refused with the next free ones, and the details are asked again', async ({
    client,
    assert,
  }) => {
    const point = await urbanismeDesk()
    const { type } = await createAgenda({ service: 'urbanisme', type: { key: 'urbanisme-rdv' } })
    const slot = await firstFreeSlot(point, type)
    const choice = { pointId: point.id, persons: 1, slot: slot.start.toUTC().toISO()! }
    const first = await client
      .post('/rendez-vous/urbanisme-rdv/coordonnees')
      .form({ firstName: 'Léa', lastName: 'Martin', email: 'lea@example.org' })
      .withSession({ 'booking_type_urbanisme-rdv': choice })
      .withCsrfToken()
      .redirects(0)
    first.assertStatus(303)
    const second = await client
      .post('/rendez-vous/urbanisme-rdv/coordonnees')
      .form({ firstName: 'Noé', lastName: 'Petit', email: 'noe@example.org' })
      .withSession({ 'booking_type_urbanisme-rdv': choice })
      .withCsrfToken()
      .redirects(0)
    second.assertStatus(409)
    assert.lengthOf(await Appointment.query().where('meetingTypeId', type.id), 1)
    const missing = await client
      .post('/rendez-vous/urbanisme-rdv/coordonnees')
      .form({ firstName: '', lastName: 'Petit', email: 'pas-une-adresse' })
      .withSession({ 'booking_type_urbanisme-rdv': choice })
      .withCsrfToken()
      .redirects(0)
    assert.property(inputErrors(missing), 'firstName')
    assert.match(inputErrors(missing).email[0], /adresse e-mail valide/)
  })

  test('/rendez-vous lists the types residents may book, with their service, and no other', async ({
    client,
    assert,
  }) => {
    await createService('urbanisme', 'Urbanisme')
    await createAgenda({
      service: 'urbanisme',
      type: { key: 'urbanisme-rdv', label: 'Conseil en urbanisme' },
    })
    await createAgenda({
      service: 'urbanisme',
      type: { key: 'urbanisme-interne', label: 'Réunion interne', bookableBy: 'agent' },
    })
    await createAgenda({
      service: 'urbanisme',
      type: { key: 'urbanisme-ferme', label: 'Ancien conseil', active: false },
    })
    const page = await client.get('/rendez-vous')
    page.assertStatus(200)
    page.assertTextIncludes('href="/rendez-vous/urbanisme-rdv"')
    page.assertTextIncludes('— Urbanisme')
    assert.notInclude(page.text(), 'Réunion interne')
    assert.notInclude(page.text(), 'Ancien conseil')
  })

  test('a type for agents only, an inactive one and an unknown one have no page', async ({
    client,
  }) => {
    await createAgenda({
      service: 'urbanisme',
      type: { key: 'urbanisme-interne', bookableBy: 'agent' },
    })
    await createAgenda({ service: 'urbanisme', type: { key: 'urbanisme-ferme', active: false } })
    ;(await client.get('/rendez-vous/urbanisme-interne')).assertStatus(404)
    ;(await client.get('/rendez-vous/urbanisme-ferme')).assertStatus(404)
    ;(await client.get('/rendez-vous/inconnu')).assertStatus(404)
  })

  test('a slot at a point that does not offer the type is refused', async ({ client, assert }) => {
    const point = await urbanismeDesk()
    const { type, point: other } = await createAgenda({
      service: 'urbanisme',
      type: { key: 'urbanisme-rdv' },
    })
    await db
      .table('meeting_type_points')
      .insert({ meeting_type_id: type.id, meeting_point_id: point.id })
    const slot = await firstFreeSlot(other, type)
    const response = await client
      .post('/rendez-vous/urbanisme-rdv/creneau')
      .form({ point: String(other.id), persons: '1', slot: slot.start.toUTC().toISO()! })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.lengthOf(await Job.query().where('name', 'appointment_mail'), 0)
  })
})

test.group('Booking ends the resident’s wait', () => {
  test('booking a type closes the resident’s waiting-list entries for it, not those for another type', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const point = await urbanismeDesk()
    const { type } = await createAgenda({ service: 'urbanisme', type: { key: 'urbanisme-rdv' } })
    const { type: other } = await createAgenda({ service: 'urbanisme' })
    const entry = (meetingTypeId: number, email: string, userId: number | null) => ({
      meetingTypeId,
      meetingPointId: null,
      persons: 1,
      userId,
      email,
      firstName: 'Marie',
      status: 'waiting' as const,
    })
    await WaitingListEntry.createMany([
      entry(type.id, 'ancienne@example.org', resident.id),
      entry(type.id, resident.email, null),
      entry(other.id, resident.email, resident.id),
      entry(type.id, 'quelqu-un@example.org', null),
    ])
    const slot = await firstFreeSlot(point, type)
    await client
      .post('/rendez-vous/urbanisme-rdv/coordonnees')
      .form({ firstName: 'Marie', lastName: 'Curie', email: resident.email.toUpperCase() })
      .withSession({
        'booking_type_urbanisme-rdv': {
          pointId: point.id,
          persons: 1,
          slot: slot.start.toUTC().toISO(),
        },
      })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
    const statuses = await db.from('waiting_list_entries').orderBy('id').select('email', 'status')
    assert.deepEqual(
      statuses.map((row) => row.status),
      ['done', 'done', 'waiting', 'waiting']
    )
  })
})

test.group('Appointments in the catalogue', () => {
  test('a resident searching the catalogue for an appointment finds the booking pages', async ({
    client,
  }) => {
    const page = await client.get('/demarches').qs({ q: 'rendez-vous urbanisme' })
    page.assertStatus(200)
    page.assertTextIncludes('href="/rendez-vous"')
    page.assertTextIncludes('Prendre rendez-vous avec un service')
  })
})
