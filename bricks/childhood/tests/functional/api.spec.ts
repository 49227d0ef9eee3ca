import { test } from '@japa/runner'
import CreateApiClient from '#api/actions/create_api_client'
import { createAgent } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import Registration from '../../models/registration.js'
import { family, wednesdayActivity } from '../support.js'

/** A business software's token with these scopes on these services. */
async function software(scopes: string[], services: string[]) {
  const admin = await createAgent({ role: 'admin' })
  const { token } = await new CreateApiClient().handle(admin, {
    name: 'Logiciel enfance',
    scopes,
    services,
    rateLimit: 1000,
  })
  return token
}

async function registered() {
  const { user, ines, tom } = await family()
  const { activity, session } = await wednesdayActivity({ capacity: 5 })
  const registration = (memberId: number, status: Registration['status']) =>
    Registration.create({
      sessionId: session.id,
      householdMemberId: memberId,
      userId: user.id,
      status,
      seats: 1,
      acceptedAt: status === 'placed' ? clock.now() : null,
      attendance: {},
    })
  return {
    activity,
    session,
    ines: await registration(ines.id, 'placed'),
    tom: await registration(tom.id, 'placed'),
  }
}

test.group('Childhood on /api/v1 (declared in the brick’s manifest)', () => {
  test('a software of the childhood service lists and reads registrations, and records a day’s attendance', async ({
    client,
    assert,
  }) => {
    const { session, ines, tom } = await registered()
    const token = await software(
      ['registrations:read', 'attendance:read', 'attendance:write'],
      ['enfance']
    )
    const list = await client.get('/api/v1/registrations').bearerToken(token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((row: { id: number }) => row.id),
      [tom.id, ines.id]
    )
    const read = await client.get(`/api/v1/registrations/${ines.id}`).bearerToken(token)
    read.assertStatus(200)
    assert.equal(read.body().child.first_name, 'Inès')
    assert.equal(read.body().activity.name, 'Mercredis sportifs')
    assert.equal(read.body().session.id, session.id)

    const day = session.startsOn
    const recorded = await client
      .put(`/api/v1/activity-sessions/${session.id}/attendance`)
      .bearerToken(token)
      .json({ day, present: [ines.id] })
    recorded.assertStatus(200)
    assert.deepEqual(
      recorded
        .body()
        .registrations.map((row: { registration_id: number; present: boolean }) => [
          row.registration_id,
          row.present,
        ]),
      [
        [ines.id, true],
        [tom.id, false],
      ]
    )
    const register = await client
      .get(`/api/v1/activity-sessions/${session.id}/attendance?day=${day}`)
      .bearerToken(token)
    assert.deepEqual(register.body(), recorded.body())
    await tom.refresh()
    assert.deepEqual(tom.attendance, { [day]: false })
    const unknown = await client
      .put(`/api/v1/activity-sessions/${session.id}/attendance`)
      .bearerToken(token)
      .json({ day, present: [999999] })
    unknown.assertStatus(422)
  })

  test('a software without the childhood service sees none of it (404), and scopes are enforced', async ({
    client,
    assert,
  }) => {
    const { session, ines } = await registered()
    const outsider = await software(
      ['registrations:read', 'attendance:read', 'attendance:write'],
      ['accueil']
    )
    const list = await client.get('/api/v1/registrations').bearerToken(outsider)
    list.assertStatus(200)
    assert.deepEqual(list.body().data, [])
    ;(await client.get(`/api/v1/registrations/${ines.id}`).bearerToken(outsider)).assertStatus(404)
    ;(
      await client
        .get(`/api/v1/activity-sessions/${session.id}/attendance?day=${session.startsOn}`)
        .bearerToken(outsider)
    ).assertStatus(404)
    ;(
      await client
        .put(`/api/v1/activity-sessions/${session.id}/attendance`)
        .bearerToken(outsider)
        .json({ day: session.startsOn, present: [ines.id] })
    ).assertStatus(404)
    await ines.refresh()
    assert.deepEqual(ines.attendance, {})

    const reader = await software(['registrations:read'], ['enfance'])
    ;(
      await client
        .put(`/api/v1/activity-sessions/${session.id}/attendance`)
        .bearerToken(reader)
        .json({ day: session.startsOn, present: [ines.id] })
    ).assertStatus(403)
  })
})
