import { test } from '@japa/runner'
import CreateApiClient from '#api/actions/create_api_client'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { fileOtv, inDays, town } from '../support.js'
import { draftDecree, publishedDecree } from '../decrees_support.js'

/** A business software's token with these scopes on these services. */
async function software(scopes: string[], services: string[]) {
  const admin = await createAgent({ role: 'admin' })
  const { token } = await new CreateApiClient().handle(admin, {
    name: 'Logiciel de la police municipale',
    scopes,
    services,
    rateLimit: 1000,
  })
  return token
}

test.group('Police on /api/v1 (declared in the brick’s manifest, read only)', () => {
  test('the police’s software lists the OTV absences (those of a day too) and reads one', async ({
    client,
    assert,
  }) => {
    await town()
    const resident = await createResident()
    const { absence: first } = await fileOtv(resident)
    const { absence: later } = await fileOtv(
      { email: 'voisin@example.org' },
      { departure: inDays(30), return: inDays(40), streetNumber: 3 }
    )
    const token = await software(['otv_absences:read'], ['tranquillite_publique'])
    const list = await client.get('/api/v1/otv-absences').bearerToken(token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((row: { id: number }) => row.id),
      [later.id, first.id]
    )
    const onDay = await client.get(`/api/v1/otv-absences?on=${inDays(12)}`).bearerToken(token)
    assert.deepEqual(
      onDay.body().data.map((row: { id: number }) => row.id),
      [first.id]
    )
    const read = await client.get(`/api/v1/otv-absences/${first.id}`).bearerToken(token)
    read.assertStatus(200)
    assert.equal(read.body().address.street, 'Rue de la République')
    assert.equal(read.body().address.street_number, 12)
    assert.equal(read.body().key_holder.name, 'Jeanne Voisine')
    assert.equal(read.body().starts_on, inDays(10))
    const write = await client.post('/api/v1/otv-absences').bearerToken(token).json({})
    write.assertStatus(404)
  })

  test('the register of decrees lists numbered decrees only, with their PDF link', async ({
    client,
    assert,
  }) => {
    const registered = await publishedDecree({ title: 'Marché du samedi' })
    await draftDecree({ title: 'Brouillon' })
    const token = await software(['decrees:read'], ['tranquillite_publique'])
    const list = await client.get('/api/v1/decrees').bearerToken(token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((row: { id: number }) => row.id),
      [registered.id]
    )
    const read = await client.get(`/api/v1/decrees/${registered.id}`).bearerToken(token)
    read.assertStatus(200)
    assert.equal(read.body().number, registered.number)
    assert.match(read.body().pdf_url, new RegExp(`/arretes/${registered.number}/pdf$`))
    assert.match(read.body().published_at, /[+-]\d\d:\d\d$/)
  })

  test('a software without the police service sees none of it (404), and scopes are enforced', async ({
    client,
    assert,
  }) => {
    await town()
    const { absence } = await fileOtv(await createResident())
    const decree = await publishedDecree()
    const outsider = await software(['otv_absences:read', 'decrees:read'], ['accueil'])
    assert.deepEqual(
      (await client.get('/api/v1/otv-absences').bearerToken(outsider)).body().data,
      []
    )
    assert.deepEqual((await client.get('/api/v1/decrees').bearerToken(outsider)).body().data, [])
    ;(await client.get(`/api/v1/otv-absences/${absence.id}`).bearerToken(outsider)).assertStatus(
      404
    )
    ;(await client.get(`/api/v1/decrees/${decree.id}`).bearerToken(outsider)).assertStatus(404)
    const decreesOnly = await software(['decrees:read'], ['tranquillite_publique'])
    ;(await client.get(`/api/v1/otv-absences/${absence.id}`).bearerToken(decreesOnly)).assertStatus(
      403
    )
  })
})
