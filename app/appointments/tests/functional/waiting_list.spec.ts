import { test } from '@japa/runner'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import BookAppointment from '#appointments/actions/book_appointment'
import { cancelAppointment } from '#appointments/actions/change_appointment'
import { expireWaitingEntries } from '#appointments/queries/waiting_list'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { applicant, createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

function waiting(
  meetingTypeId: number,
  fields: Partial<
    Pick<WaitingListEntry, 'meetingPointId' | 'persons' | 'userId' | 'email' | 'firstName'>
  > = {}
) {
  return WaitingListEntry.create({
    meetingTypeId,
    meetingPointId: null,
    persons: 1,
    userId: null,
    email: 'attente@example.org',
    firstName: 'Ana',
    status: 'waiting',
    ...fields,
  })
}

test.group('Residents and their waiting lists', (group) => {
  group.each.setup(() => mailbox.clear())

  test('a resident sees their open waits in their space and leaves one; nobody leaves someone else’s', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const neighbour = await createResident()
    const { type, point } = await createAgenda({
      service: 'urbanisme',
      type: { label: 'Conseil urbanisme' },
    })
    const { type: other } = await createAgenda({
      service: 'urbanisme',
      type: { label: 'Dépôt de plans' },
    })
    const mine = await waiting(type.id, {
      userId: resident.id,
      meetingPointId: point.id,
      persons: 2,
    })
    await waiting(other.id, { userId: resident.id })
    const theirs = await waiting(type.id, { userId: neighbour.id, email: 'voisin@example.org' })
    const page = await client.get('/mon-espace/liste-attente').withGuard('web').loginAs(resident)
    page.assertStatus(200)
    page.assertTextIncludes('Conseil urbanisme')
    page.assertTextIncludes('Dépôt de plans')
    page.assertTextIncludes('pour 2 personne(s)')
    assert.notInclude(page.text(), 'voisin@example.org')

    const left = await client
      .post(`/mon-espace/liste-attente/${mine.id}/quitter`)
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    left.assertStatus(303)
    left.assertHeader('location', '/mon-espace/liste-attente')
    await mine.refresh()
    assert.equal(mine.status, 'cancelled')
    const after = await client.get('/mon-espace/liste-attente').withGuard('web').loginAs(resident)
    assert.notInclude(after.text(), 'Conseil urbanisme')

    await client
      .post(`/mon-espace/liste-attente/${theirs.id}/quitter`)
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
    await theirs.refresh()
    assert.equal(theirs.status, 'waiting')
  })

  test('a wait closes once it is older than the type’s booking horizon, and is then neither shown nor alerted', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const { type, point } = await createAgenda({ service: 'urbanisme', type: { maxDelayDays: 30 } })
    const entry = await waiting(type.id, { userId: resident.id, email: 'ancien@example.org' })
    const kept = await waiting(type.id, {
      userId: resident.id,
      email: resident.email,
      meetingPointId: point.id,
    })
    // The first joined 31 days ago, the second 29 days ago: only the first is past the 30-day horizon.
    entry.createdAt = clock.now().minus({ days: 31 })
    await entry.save()
    kept.createdAt = clock.now().minus({ days: 29 })
    await kept.save()
    const page = await client.get('/mon-espace/liste-attente').withGuard('web').loginAs(resident)
    await entry.refresh()
    await kept.refresh()
    assert.equal(entry.status, 'expired')
    assert.equal(kept.status, 'waiting')
    assert.lengthOf(page.text().match(/Quitter la liste d’attente/g) ?? [], 1, 'one wait shown')
    assert.equal(await expireWaitingEntries(), 0, 'nothing else expires')

    const slot = await firstFreeSlot(point, type)
    const booked = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: slot.start,
      applicant,
    })
    await cancelAppointment(booked.id, 'resident')
    // The expired wait came first in line: had it stayed open, it would have been told instead.
    await mailbox.waitFor(resident.email, /Un créneau s’est libéré/)
    assert.lengthOf(mailbox.for('ancien@example.org'), 0)
  })

  test('a freed 15-minute slot alerts the first person it fits: the entry for 3 persons waits, the one for 1 is told', async ({
    assert,
  }) => {
    const { type, point } = await createAgenda({ service: 'urbanisme', desks: 1 })
    await waiting(type.id, { persons: 3, email: 'trois@example.org' })
    await waiting(type.id, { persons: 1, email: 'une@example.org' })
    const slot = await firstFreeSlot(point, type)
    const book = (minutes: number, email: string) =>
      new BookAppointment().handle({
        meetingPointId: point.id,
        meetingTypeId: type.id,
        persons: 1,
        start: slot.start.plus({ minutes }),
        applicant: { ...applicant, email },
      })
    await book(0, 'avant@example.org')
    const middle = await book(15, 'milieu@example.org')
    await book(30, 'apres@example.org')
    await cancelAppointment(middle.id, 'resident')
    const told = await mailbox.waitFor('une@example.org', /Un créneau s’est libéré/)
    assert.include(told.text!, 'Bonjour Ana')
    assert.include(told.text!, `/rendez-vous/${type.key}`)
    assert.lengthOf(mailbox.for('trois@example.org'), 0)
  })

  test('a freed slot long enough for 3 persons alerts the entry for 3 first in line', async () => {
    const { type, point } = await createAgenda({ service: 'urbanisme', desks: 1 })
    await waiting(type.id, { persons: 3, email: 'trois@example.org' })
    await waiting(type.id, { persons: 1, email: 'une@example.org' })
    const slot = await firstFreeSlot(point, type, 3)
    const family = await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 3,
      start: slot.start,
      applicant,
    })
    await cancelAppointment(family.id, 'resident')
    await mailbox.waitFor('trois@example.org', /Un créneau s’est libéré/)
  })

  test('a resident joins the waiting list from a type’s page when no slot is free, once', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const { type, point } = await createAgenda({
      service: 'urbanisme',
      weekdays: [],
      type: { key: 'urbanisme-complet', maxPersons: 2 },
    })
    const page = await client
      .get(`/rendez-vous/urbanisme-complet?personnes=2`)
      .withGuard('web')
      .loginAs(resident)
    page.assertTextIncludes('Être prévenu si un créneau se libère')
    for (let attempt = 0; attempt < 2; attempt++) {
      const joined = await client
        .post('/rendez-vous/urbanisme-complet/liste-attente')
        .form({ point: String(point.id), persons: '2', firstName: 'Marie', email: resident.email })
        .withGuard('web')
        .loginAs(resident)
        .withCsrfToken()
        .redirects(0)
      joined.assertStatus(303)
    }
    const entries = await WaitingListEntry.query().where('meetingTypeId', type.id)
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].userId, resident.id)
    assert.equal(entries[0].persons, 2)
    assert.equal(entries[0].meetingPointId, point.id)
  })
})

test.group('Agents see the waiting lists', () => {
  test('per type and point, first come first, only their services’ types', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['urbanisme'] })
    const { type, point } = await createAgenda({
      service: 'urbanisme',
      type: { label: 'Conseil urbanisme' },
    })
    const { point: annex } = await createAgenda({ service: 'urbanisme' })
    const { type: civil } = await createAgenda({ service: 'etat_civil' })
    await waiting(type.id, { email: 'premiere@example.org', meetingPointId: point.id })
    await waiting(type.id, { email: 'partout@example.org', meetingPointId: null })
    await waiting(type.id, { email: 'annexe@example.org', meetingPointId: annex.id })
    await waiting(civil.id, { email: 'etat-civil@example.org' })
    const all = await client
      .get('/agents/rendez-vous/liste-attente')
      .withGuard('agent')
      .loginAs(agent)
    all.assertStatus(200)
    const order = ['premiere', 'partout', 'annexe'].map((name) =>
      all.text().indexOf(`${name}@example.org`)
    )
    assert.isTrue(
      order.every((at, index) => at > 0 && (index === 0 || at > order[index - 1])),
      'first come first'
    )
    assert.notInclude(all.text(), 'etat-civil@example.org')
    const atPoint = await client
      .get(`/agents/rendez-vous/liste-attente?type=${type.id}&lieu=${point.id}`)
      .withGuard('agent')
      .loginAs(agent)
    assert.include(atPoint.text(), 'premiere@example.org')
    assert.include(
      atPoint.text(),
      'partout@example.org',
      'who waits for any point waits for this one too'
    )
    assert.notInclude(atPoint.text(), 'annexe@example.org')
  })
})
