import { test } from '@japa/runner'
import CreateApiClient from '#api/actions/create_api_client'
import { createAgent } from '#tests/support/factories/accounts'
import Category from '../../models/category.js'
import ReportUpdate from '../../models/report_update.js'
import { categories, filedReport } from '../support.js'

/** A business software's token with these scopes on these services. */
async function software(scopes: string[], services: string[]) {
  const admin = await createAgent({ role: 'admin' })
  const { token } = await new CreateApiClient().handle(admin, {
    name: 'GMAO des services techniques',
    scopes,
    services,
    rateLimit: 1000,
  })
  return token
}

test.group('Signalements on /api/v1 (declared in the brick’s manifest, read only)', () => {
  test('the technical services’ software lists and reads the reports routed to them, with their updates', async ({
    client,
    assert,
  }) => {
    const { streetLight, pothole } = await categories()
    const parks = await Category.create({
      code: 'ESPACES_VERTS',
      name: 'Espaces verts',
      serviceSlug: 'espaces_verts',
      team: null,
      position: 3,
      active: true,
      parentId: null,
    })
    const light = await filedReport(streetLight)
    const hole = await filedReport(pothole, { address: '3 Avenue de la Gare 91000 Villeneuve' })
    const tree = await filedReport(parks)
    await ReportUpdate.create({
      reportId: light.id,
      kind: 'internal',
      status: null,
      body: 'Équipe prévenue',
      agentId: null,
    })
    const token = await software(['reports:read'], ['services_techniques'])
    const list = await client.get('/api/v1/reports').bearerToken(token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((row: { id: number }) => row.id),
      [hole.id, light.id]
    )
    assert.equal(list.body().data[1].category.code, 'ECLAIRAGE_LAMPADAIRE')
    assert.equal(list.body().data[1].lat, 48.63)
    const read = await client.get(`/api/v1/reports/${light.id}`).bearerToken(token)
    read.assertStatus(200)
    assert.equal(read.body().reference, light.reference)
    assert.include(
      read.body().updates.map((update: { body: string }) => update.body),
      'Équipe prévenue'
    )
    ;(await client.get(`/api/v1/reports/${tree.id}`).bearerToken(token)).assertStatus(404)
    const filtered = await client.get('/api/v1/reports?status=resolved').bearerToken(token)
    assert.deepEqual(filtered.body().data, [])
  })

  test('a software without the service sees no report (404), and needs the reports scope', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const light = await filedReport(streetLight)
    const outsider = await software(['reports:read'], ['accueil'])
    assert.deepEqual((await client.get('/api/v1/reports').bearerToken(outsider)).body().data, [])
    ;(await client.get(`/api/v1/reports/${light.id}`).bearerToken(outsider)).assertStatus(404)
    const noScope = await software(['demands:read'], ['services_techniques'])
    ;(await client.get(`/api/v1/reports/${light.id}`).bearerToken(noScope)).assertStatus(403)
  })
})
