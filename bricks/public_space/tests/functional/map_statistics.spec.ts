import { test } from '@japa/runner'
import parvisConfig from '#config/parvis'
import { clock } from '#core/clock'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import Report from '../../models/report.js'
import { categories, filedReport } from '../support.js'

test.group('Maps of reports (JSON markers) and the map pin', () => {
  test('the public map gets the confirmed reports inside the box, without personal data nor cookie; a bad box is refused', async ({
    assert,
  }) => {
    const { streetLight, pothole } = await categories()
    const inside = await filedReport(streetLight, { email: 'secret@example.org' })
    await filedReport(pothole, { lat: 48.65, lng: 2.47 })
    const unconfirmed = await filedReport(streetLight)
    await unconfirmed.merge({ verifiedAt: null }).save()

    const response = await fetch(
      new URL('/signalements/carte.json?bbox=2.43,48.62,2.45,48.64', parvisConfig.appUrl)
    )
    assert.equal(response.status, 200)
    assert.isNull(response.headers.get('set-cookie'))
    const body = await response.json()
    assert.deepEqual(body, {
      type: 'FeatureCollection',
      truncated: false,
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [2.44, 48.63] },
          properties: {
            reference: inside.reference,
            status: 'new',
            statusLabel: 'Nouveau',
            category: 'Éclairage public › Lampadaire en panne',
            url: `/signalements/${inside.id}`,
          },
        },
      ],
    })
    assert.notInclude(JSON.stringify(body), 'secret@example.org')
    for (const bbox of ['', '1,2,3', '2.45,48.62,2.43,48.64', 'a,b,c,d', '0,0,200,10']) {
      const refused = await fetch(
        new URL(`/signalements/carte.json?bbox=${bbox}`, parvisConfig.appUrl)
      )
      assert.equal(refused.status, 400, bbox)
    }
  })

  test('the agents’ map follows the queue’s filters and their services; another service gets 404', async ({
    client,
    assert,
  }) => {
    const { streetLight, pothole } = await categories()
    const light = await filedReport(streetLight)
    await filedReport(pothole, { lat: 48.631, lng: 2.441 })
    const agent = await createAgent({ services: ['services_techniques'] })
    const response = await client
      .get(`/agents/signalements/carte.json?bbox=2.4,48.6,2.48,48.66&categorie=${streetLight.id}`)
      .withGuard('agent')
      .loginAs(agent)
    response.assertStatus(200)
    assert.deepEqual(
      response.body().features.map((feature: any) => feature.properties.url),
      [`/agents/signalements/${light.id}`]
    )
    const police = await createAgent({ services: ['police_municipale'] })
    ;(
      await client
        .get('/agents/signalements/carte.json?bbox=2.4,48.6,2.48,48.66')
        .withGuard('agent')
        .loginAs(police)
    ).assertStatus(404)
  })

  test('step 1 with the map’s pin: the pin’s point is kept, the address typed labels it; outside the city it is refused', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const located = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.id, location: '', lat: '48.612346', lng: '2.456789' })
      .withCsrfToken()
      .redirects(0)
    located.assertStatus(303)
    assert.deepEqual(located.session().public_space_draft, {
      categoryId: streetLight.id,
      address: 'Point placé sur la carte (48.61235, 2.45679)',
      lat: 48.612346,
      lng: 2.456789,
    })
    const labelled = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.id, location: 'Devant la gare', lat: '48.63', lng: '2.44' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(labelled.session().public_space_draft.address, 'Devant la gare')

    const outside = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.id, lat: '48.8566', lng: '2.3522' })
      .withCsrfToken()
      .redirects(0)
    assert.match(inputErrors(outside).location[0], /est en dehors de la commune/)
    const nothing = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.id, lat: 'junk', lng: '' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(nothing).location, [
      'Saisissez l’adresse du problème, ou placez le repère sur la carte',
    ])
  })
})

test.group('Statistics for agents (/agents/signalements/statistiques)', () => {
  test('reports per category and per area, time to resolve (median, p90) and reopen rate over the period, also as CSV', async ({
    client,
    assert,
  }) => {
    const { streetLight, pothole } = await categories()
    // Six reports filed in November 2026, resolved after 1, 2, 3, 4 and 10 days; one still open.
    const filed: Report[] = []
    const spots = [
      { lat: 48.64, lng: 2.41 }, // Nord-Ouest
      { lat: 48.64, lng: 2.47 }, // Nord-Est
      { lat: 48.61, lng: 2.41 }, // Sud-Ouest
      { lat: 48.61, lng: 2.41 },
      { lat: 48.61, lng: 2.47 }, // Sud-Est
      { lat: 48.7, lng: 2.6 }, // outside every area
    ]
    for (const [index, spot] of spots.entries()) {
      clock.travelTo(`2026-11-0${index + 1}T09:00:00+01:00`, { freeze: true })
      filed.push(await filedReport(index < 4 ? streetLight : pothole, spot))
    }
    const resolveAfter = [1, 2, 3, 4, 10]
    for (const [index, days] of resolveAfter.entries()) {
      const report = filed[index]
      await report.merge({ status: 'resolved', resolvedAt: report.createdAt.plus({ days }) }).save()
    }
    // The first was reopened twice then resolved again; the second once.
    await filed[0].merge({ reopenCount: 2 }).save()
    await filed[1].merge({ reopenCount: 1 }).save()
    // Outside the period: filed in October, and not counted.
    clock.travelTo('2026-10-15T09:00:00+02:00', { freeze: true })
    await filedReport(streetLight)
    clock.travelTo('2026-12-06T09:00:00+01:00', { freeze: true })

    const agent = await createAgent({ services: ['services_techniques'] })
    const page = await client
      .get('/agents/signalements/statistiques?du=2026-11-01&au=2026-11-30')
      .withGuard('agent')
      .loginAs(agent)
    page.assertStatus(200)
    const html = page.text()
    const stat = (name: string) =>
      html.match(new RegExp(`data-stat="${name}">([^<]*)<`))?.[1].replace(/\s/g, ' ')
    assert.equal(stat('total'), '6')
    assert.equal(stat('open'), '1')
    assert.equal(stat('resolved'), '5')
    // Nearest rank over 1, 2, 3, 4, 10 days: median the 3rd, p90 the 5th.
    assert.equal(stat('median'), '3 jours')
    assert.equal(stat('p90'), '10 jours')
    // 2 of the 5 reports resolved were said not fixed; 3 "not fixed" answers.
    assert.equal(stat('reopen-rate'), '40 % (2/5)')
    assert.equal(stat('answers'), '3')

    const csv = await client
      .get('/agents/signalements/statistiques.csv?du=2026-11-01&au=2026-11-30')
      .withGuard('agent')
      .loginAs(agent)
    csv.assertStatus(200)
    const lines = csv
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    assert.deepEqual(lines, [
      'Regroupement;Nom;Signalements;À traiter;Résolus;Réponses « pas réglé »',
      'Catégorie;Éclairage public › Lampadaire en panne;4;0;4;3',
      'Catégorie;Voirie › Nid de poule;2;1;1;0',
      'Quartier;Nord-Ouest;1;0;1;2',
      'Quartier;Nord-Est;1;0;1;1',
      'Quartier;Sud-Ouest;2;0;2;0',
      'Quartier;Sud-Est;1;0;1;0',
      'Quartier;Hors des quartiers définis;1;1;0;0',
    ])
  })

  test('an agent of another service gets 404 on the statistics and their CSV', async ({
    client,
  }) => {
    const police = await createAgent({ services: ['police_municipale'] })
    for (const path of [
      '/agents/signalements/statistiques',
      '/agents/signalements/statistiques.csv',
    ])
      (await client.get(path).withGuard('agent').loginAs(police)).assertStatus(404)
  })
})
