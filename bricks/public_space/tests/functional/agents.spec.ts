import { test } from '@japa/runner'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import { hoursLeft } from '#tests/support/signed_links'
import { clock } from '#core/clock'
import Report from '../../models/report.js'
import ReportUpdate from '../../models/report_update.js'
import Photo from '../../models/photo.js'
import Follower from '../../models/follower.js'
import { categories, filedReport, photoWithGps } from '../support.js'

const MANAGE = ['public_space.reports.manage']

test.group('Agents of the technical services (/agents/signalements)', () => {
  test('a police agent, and an agent of another service, get 404 on the queue and on a report', async ({
    client,
  }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight)
    for (const services of [['police-municipale'], ['etat_civil']]) {
      const agent = await createAgent({ services })
      ;(await client.get('/agents/signalements').withGuard('agent').loginAs(agent)).assertStatus(
        404
      )
      ;(
        await client.get(`/agents/signalements/${report.id}`).withGuard('agent').loginAs(agent)
      ).assertStatus(404)
    }
    ;(await client.get('/agents/signalements').redirects(0)).assertStatus(302)
  })

  test('the queue filters by category, status and age, and exports what it shows as CSV', async ({
    client,
    assert,
  }) => {
    const { streetLight, pothole, roads } = await categories()
    clock.travelTo('2026-10-01T09:00:00+02:00', { freeze: true })
    const old = await filedReport(pothole, { address: '3 Place de la Mairie 91000 Villeneuve' })
    clock.travelTo('2026-12-01T09:00:00+01:00', { freeze: true })
    const recent = await filedReport(streetLight)
    const done = await filedReport(streetLight, {
      address: '8 Allée des Tilleuls 91000 Villeneuve',
    })
    await Report.query().where('id', done.id).update({ status: 'resolved' })
    const agent = await createAgent({ services: ['services_techniques'] })
    const page = (query: string) =>
      client.get(`/agents/signalements${query}`).withGuard('agent').loginAs(agent)

    const open = await page('')
    open.assertTextIncludes(old.reference)
    open.assertTextIncludes(recent.reference)
    assert.notInclude(open.text(), done.reference)
    const byRoads = await page(`?categorie=${roads.id}`)
    byRoads.assertTextIncludes(old.reference)
    assert.notInclude(byRoads.text(), recent.reference)
    const resolved = await page('?statut=resolved')
    resolved.assertTextIncludes(done.reference)
    assert.notInclude(resolved.text(), old.reference)
    const aged = await page('?anciennete=30')
    aged.assertTextIncludes(old.reference)
    assert.notInclude(aged.text(), recent.reference)

    const csv = await page(`?categorie=${roads.id}`.replace('?', '/export.csv?'))
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = csv.text().trim().split(/\r?\n/)
    assert.lengthOf(lines, 2)
    assert.include(lines[1], old.reference)
    assert.include(lines[1], 'Voirie › Nid de poule')
  })

  test('an agent without the permission reads a report but cannot change it', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight)
    const reader = await createAgent({ services: ['services_techniques'] })
    const page = await client
      .get(`/agents/signalements/${report.id}`)
      .withGuard('agent')
      .loginAs(reader)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Traiter le signalement')
    const refused = await client
      .post(`/agents/signalements/${report.id}`)
      .form({ reportStatus: 'planned' })
      .withGuard('agent')
      .loginAs(reader)
      .withCsrfToken()
    refused.assertStatus(404)
    await report.refresh()
    assert.equal(report.status, 'new')
  })

  test('assignment, planned date, internal note hidden from the public, and "résolu" needs a public update', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight, { email: 'auteur@example.org' })
    const agent = await createAgent({ services: ['services_techniques'], permissions: MANAGE })
    const post = (form: Record<string, unknown>) =>
      client
        .post(`/agents/signalements/${report.id}`)
        .form(form)
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    ;(
      await post({
        reportStatus: 'planned',
        team: 'Équipe nuit',
        plannedOn: '2026-12-15',
        internalNote: 'Code du coffret : 1234',
      })
    ).assertStatus(303)
    await report.refresh()
    assert.equal(report.status, 'planned')
    assert.equal(report.team, 'Équipe nuit')
    assert.equal(report.plannedOn, '2026-12-15')
    const publicPage = await client.get(`/signalements/${report.id}`)
    publicPage.assertTextIncludes('Programmé')
    assert.notInclude(publicPage.text(), 'Code du coffret')
    assert.notInclude(publicPage.text(), 'auteur@example.org')
    assert.notInclude(publicPage.text(), 'Marie Curie')

    const refused = await post({ reportStatus: 'resolved' })
    assert.deepEqual(inputErrors(refused).publicNote, [
      'Écrivez une mise à jour publique pour passer le signalement à « Résolu »',
    ])
    await report.refresh()
    assert.equal(report.status, 'planned')
  })

  test('resolved with a public update: the reporter answers "not fixed" through the mail’s link without logging in, and the report is open again', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight, { email: 'auteur@example.org' })
    await new Follower()
      .fill({ reportId: report.id, email: 'voisin@example.org', reporter: false })
      .save()
    const agent = await createAgent({ services: ['services_techniques'], permissions: MANAGE })
    await client
      .post(`/agents/signalements/${report.id}`)
      .form({ reportStatus: 'resolved', publicNote: 'Ampoule remplacée le 5 décembre.' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    await report.refresh()
    assert.equal(report.status, 'resolved')

    const mail = await mailbox.waitFor('auteur@example.org', /résolu : le problème est-il réglé/)
    assert.include(mail.text!, 'Ampoule remplacée le 5 décembre.')
    await mailbox.waitFor('voisin@example.org', /résolu : le problème est-il réglé/)
    const link = mailbox.linkIn(mail, '/avis')
    assert.closeTo(hoursLeft(link), 14 * 24, 1)
    const path = link.replace(/^https?:\/\/[^/]+/, '')

    ;(await client.get(new URL(link).pathname)).assertStatus(404)
    const form = await client.get(path)
    form.assertStatus(200)
    form.assertTextIncludes('Le problème est-il réglé ?')

    const noComment = await client.post(path).form({ fixed: 'non' }).withCsrfToken().redirects(0)
    assert.deepEqual(inputErrors(noComment).comment, [
      'Dites ce que vous constatez pour que le signalement soit rouvert',
    ])
    const reopened = await client
      .post(path)
      .withCsrfToken()
      .fields({ fixed: 'non', comment: 'Toujours éteint ce soir.' })
      .file('photos', await photoWithGps(), { filename: 'soir.jpg' })
      .redirects(0)
    reopened.assertStatus(303)
    await report.refresh()
    assert.equal(report.status, 'acknowledged')
    assert.equal(report.reopenCount, 1)
    assert.isNull(report.resolvedAt)
    const photos = await Photo.query().where('reportId', report.id)
    assert.deepEqual(
      photos.map((photo) => photo.origin),
      ['reopen']
    )
    const kinds = (await ReportUpdate.query().where('reportId', report.id).orderBy('id')).map(
      (update) => update.kind
    )
    assert.deepEqual(kinds, ['public', 'reopened'])
    const queue = await client.get('/agents/signalements').withGuard('agent').loginAs(agent)
    queue.assertTextIncludes(report.reference)
    queue.assertTextIncludes('rouvert une fois')
  })

  test('an agent accepts a photo: only then does the public page show it', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight)
    const photo = await Photo.create({
      reportId: report.id,
      storageKey: 'public_space/test/absent.jpg',
      mimeType: 'image/jpeg',
      accepted: false,
      origin: 'resident',
    })
    const before = await client.get(`/signalements/${report.id}`)
    assert.notInclude(before.text(), `/signalements/photos/${photo.id}`)
    ;(await client.get(`/signalements/photos/${photo.id}`)).assertStatus(404)
    const agent = await createAgent({ services: ['services_techniques'], permissions: MANAGE })
    await client
      .post(`/agents/signalements/${report.id}`)
      .form({ 'reportStatus': 'acknowledged', 'photos[]': String(photo.id) })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    const after = await client.get(`/signalements/${report.id}`)
    after.assertTextIncludes(`/signalements/photos/${photo.id}`)
  })
})
