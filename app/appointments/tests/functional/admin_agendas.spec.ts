import { test } from '@japa/runner'
import MeetingPoint from '#appointments/models/meeting_point'
import OpeningRange from '#appointments/models/opening_range'
import Closure from '#appointments/models/closure'
import MeetingType from '#appointments/models/meeting_type'
import { createAgent, createService } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'
import { inputErrors } from '#tests/support/http'

test.group('Admins set up the agendas', () => {
  test('an admin creates a meeting point, opens it on Tuesday mornings and closes it for a strike day', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await createService('etat_civil', 'État civil')
    const created = await client
      .post('/agents/admin/agendas/lieux')
      .form({
        name: 'Mairie annexe Nord',
        addressLine: '3 rue du Bois',
        postalCode: '91000',
        city: 'Évry-Courcouronnes',
        serviceSlug: 'etat_civil',
        desks: '2',
        active: '1',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(303)
    const point = await MeetingPoint.findByOrFail('name', 'Mairie annexe Nord')
    assert.equal(point.desks, 2)

    const reversed = await client
      .post(`/agents/admin/agendas/lieux/${point.id}/horaires`)
      .form({ weekday: '2', startsAt: '12:00', endsAt: '09:00' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(reversed).endsAt[0], 'L’heure de fin doit suivre l’heure de début')
    const noDesk = await client
      .post(`/agents/admin/agendas/lieux/${point.id}/horaires`)
      .form({ weekday: '2', desk: '5', startsAt: '09:00', endsAt: '12:00' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(noDesk).desk[0], 'Ce lieu n’a que 2 guichet(s)')
    await client
      .post(`/agents/admin/agendas/lieux/${point.id}/horaires`)
      .form({ weekday: '2', startsAt: '09:00', endsAt: '12:00' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    const ranges = await OpeningRange.query().where('meetingPointId', point.id)
    assert.lengthOf(ranges, 1)
    assert.equal(ranges[0].startsAt, '09:00')

    await client
      .post('/agents/admin/agendas/fermetures')
      .form({
        meetingPointId: String(point.id),
        startsOn: '2026-12-08',
        endsOn: '2026-12-08',
        reason: 'Grève',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    const closure = await Closure.firstOrFail()
    assert.equal(closure.reason, 'Grève')
    const page = await client.get('/agents/admin/agendas').withGuard('agent').loginAs(admin)
    page.assertTextIncludes('Mairie annexe Nord')
    page.assertTextIncludes('Grève')
  })

  test('a meeting type’s duration must be a multiple of 5 minutes', async ({ client, assert }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { type } = await createAgenda()
    const response = await client
      .post(`/agents/admin/agendas/types/${type.id}`)
      .form({
        label: 'Dépôt',
        durationMinutes: '17',
        maxPersons: '5',
        bookableBy: 'resident',
        minDelayHours: '2',
        maxDelayDays: '60',
        cancelDeadlineHours: '24',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      inputErrors(response).durationMinutes[0],
      'La durée doit être un multiple de 5 minutes'
    )
    await type.refresh()
    assert.equal(type.durationMinutes, 15)
    await client
      .post(`/agents/admin/agendas/types/${type.id}`)
      .form({
        label: 'Dépôt',
        durationMinutes: '20',
        perPerson: '1',
        maxPersons: '4',
        bookableBy: 'resident',
        minDelayHours: '2',
        maxDelayDays: '60',
        cancelDeadlineHours: '24',
        waitingList: '1',
        active: '1',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    const saved = await MeetingType.findOrFail(type.id)
    assert.equal(saved.durationMinutes, 20)
    assert.equal(saved.maxPersons, 4)
  })

  test('an agent who is not an admin gets 403 and changes nothing', async ({ client, assert }) => {
    const clerk = await createAgent({ services: ['etat_civil'] })
    const { point } = await createAgenda()
    ;(await client.get('/agents/admin/agendas').withGuard('agent').loginAs(clerk)).assertStatus(403)
    const post = await client
      .post(`/agents/admin/agendas/lieux/${point.id}/horaires`)
      .form({ weekday: '2', startsAt: '09:00', endsAt: '12:00' })
      .withGuard('agent')
      .loginAs(clerk)
      .withCsrfToken()
    post.assertStatus(403)
    assert.lengthOf(await OpeningRange.query().where('meetingPointId', point.id), 7)
  })
})
