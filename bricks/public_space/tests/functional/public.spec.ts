import { test } from '@japa/runner'
import parvisConfig from '#config/parvis'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import Report from '../../models/report.js'
import Follower from '../../models/follower.js'
import Photo from '../../models/photo.js'
import { categories, draftAt, filedReport } from '../support.js'

test.group('Public status and duplicates', () => {
  test('the anonymous public pages set no cookie and show no personal data', async ({ assert }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight, { email: 'secret@example.org' })
    // A plain fetch: the test client always carries a session cookie.
    for (const path of ['/signalements', `/signalements/${report.id}`]) {
      const page = await fetch(new URL(path, parvisConfig.appUrl))
      assert.equal(page.status, 200, path)
      assert.isNull(page.headers.get('set-cookie'), `${path} set a cookie`)
      const html = await page.text()
      assert.include(html, report.reference)
      assert.notInclude(html, 'secret@example.org')
      assert.notInclude(html, 'Marie Curie')
    }
  })

  test('a report 30 m from an open one of the same category offers to follow it; 80 m away, or another category, does not', async ({
    client,
    assert,
  }) => {
    const { streetLight, pothole } = await categories()
    const open = await filedReport(streetLight)
    const user = await createResident()
    const at = (categoryId: number, lat: number) =>
      client
        .get('/signalements/nouveau/details')
        .withGuard('web')
        .loginAs(user)
        .withSession(draftAt(categoryId, { lat }))
    const near = await at(streetLight.id, 48.63027)
    near.assertTextIncludes(open.reference)
    near.assertTextIncludes('à 30 m')
    near.assertTextIncludes('Suivre ce signalement')
    const far = await at(streetLight.id, 48.63072)
    assert.notInclude(far.text(), open.reference)
    const other = await at(pothole.id, 48.63027)
    assert.notInclude(other.text(), open.reference)
    await Report.query().where('id', open.id).update({ status: 'resolved' })
    const closed = await at(streetLight.id, 48.63027)
    assert.notInclude(closed.text(), open.reference)
  })

  test('following instead of filing: the visitor becomes a follower and no report is added', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const open = await filedReport(streetLight)
    const followed = await client
      .post(`/signalements/${open.id}/suivre`)
      .form({ email: 'Voisine@Example.org' })
      .withSession(draftAt(streetLight.id, { lat: 48.63027 }))
      .withCsrfToken()
      .redirects(0)
    followed.assertStatus(303)
    followed.assertHeader('location', `/signalements/${open.id}`)
    const emails = (await Follower.query().where('reportId', open.id).orderBy('id')).map(
      (row) => row.email
    )
    assert.deepEqual(emails, ['auteur@example.org', 'voisine@example.org'])
    assert.lengthOf(await Report.all(), 1)
  })

  test('an agent merges a duplicate: its followers and photos move to the kept report', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const kept = await filedReport(streetLight, { email: 'premier@example.org' })
    const duplicate = await filedReport(streetLight, { email: 'second@example.org', lat: 48.63027 })
    await Follower.create({ reportId: duplicate.id, email: 'premier@example.org', reporter: false })
    const photo = await Photo.create({
      reportId: duplicate.id,
      storageKey: 'public_space/test/doublon.jpg',
      mimeType: 'image/jpeg',
      accepted: true,
      origin: 'resident',
    })
    const agent = await createAgent({
      services: ['services_techniques'],
      permissions: ['public_space.reports.manage'],
    })
    const merged = await client
      .post(`/agents/signalements/${duplicate.id}/fusion`)
      .form({ keep: kept.reference.toLowerCase() })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    merged.assertStatus(303)
    merged.assertHeader('location', `/agents/signalements/${kept.id}`)
    const emails = (await Follower.query().where('reportId', kept.id).orderBy('email')).map(
      (row) => row.email
    )
    assert.deepEqual(emails, ['premier@example.org', 'second@example.org'])
    await photo.refresh()
    assert.equal(photo.reportId, kept.id)
    await duplicate.refresh()
    assert.equal(duplicate.mergedIntoId, kept.id)
    const queue = await client.get('/agents/signalements').withGuard('agent').loginAs(agent)
    assert.notInclude(queue.text(), duplicate.reference)
    const publicPage = await client.get(`/signalements/${duplicate.id}`)
    publicPage.assertTextIncludes(`regroupé avec le signalement ${kept.reference}`)
  })
})
