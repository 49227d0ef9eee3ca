import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { applyRetention } from '#demands/jobs/apply_retention'
import { csvRows, tableOf } from '#back_office/tests/support/statistics'
import { createAgent } from '#tests/support/factories/accounts'

/*
 * Known demands, filed in 2026 unless said otherwise (the clock is frozen on
 * 15 June 2026 at noon, Paris): the fixture's "demande-essai" (urbanisme,
 * 15 working days) and the core's "nous-contacter" (accueil, 10 days).
 */
const TRIAL = 'Demande d’essai en trois étapes'
const CONTACT = 'Nous contacter'

const at = (iso: string) => dbTimestamp(DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toUTC())
let reference = 0

async function demand(options: {
  procedure?: string
  service?: string
  origin: string
  state: string
  submitted: string | null
  due?: string
  closed?: string
}) {
  const created = at(options.submitted ?? '2026-06-01T10:00')
  await db.table('demands').insert({
    reference: `D-${++reference}`,
    procedure_key: options.procedure ?? 'demande-essai',
    service_slug: options.service ?? 'urbanisme',
    state: options.state,
    origin: options.origin,
    answers: '{}',
    current_step: 0,
    submitted_at: options.submitted ? at(options.submitted) : null,
    due_at: options.due ? at(options.due) : null,
    closed_at: options.closed ? at(options.closed) : null,
    created_at: created,
    updated_at: created,
  })
}

async function seedKnownDemands() {
  clock.travelTo('2026-06-15T12:00:00', { freeze: true })
  // Closed in 3 days, in time; in 10 days, late; in 1 day, in time.
  await demand({
    origin: 'web',
    state: 'accepted',
    submitted: '2026-01-10T09:00',
    closed: '2026-01-13T10:00',
    due: '2026-01-31T09:00',
  })
  await demand({
    origin: 'web',
    state: 'refused',
    submitted: '2026-02-01T09:00',
    closed: '2026-02-11T10:00',
    due: '2026-02-05T09:00',
  })
  await demand({
    origin: 'counter',
    state: 'accepted',
    submitted: '2026-03-01T09:00',
    closed: '2026-03-02T10:00',
    due: '2026-03-20T09:00',
  })
  // Open: one past its due date since 20 May, one not yet due; the mediation channel another branch brings counts as any.
  await demand({
    origin: 'phone',
    state: 'in_review',
    submitted: '2026-05-01T09:00',
    due: '2026-05-20T09:00',
  })
  await demand({
    origin: 'mediation',
    state: 'submitted',
    submitted: '2026-06-01T09:00',
    due: '2026-06-20T09:00',
  })
  // The front desk's: closed in 7 days.
  await demand({
    procedure: 'nous-contacter',
    service: 'accueil',
    origin: 'web',
    state: 'closed',
    submitted: '2026-04-01T09:00',
    closed: '2026-04-08T10:00',
    due: '2026-04-15T09:00',
  })
  // Outside the year, and a draft never filed: counted nowhere.
  await demand({
    origin: 'web',
    state: 'submitted',
    submitted: '2025-12-31T22:00',
    due: '2026-01-20T09:00',
    closed: '2026-01-02T09:00',
  })
  await demand({ origin: 'web', state: 'draft', submitted: null })
}

test.group('Statistics (/agents/statistiques)', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('an admin sees the year’s figures of every service, each chart with its data table, and each CSV holds the same figures', async ({
    client,
    assert,
  }) => {
    await seedKnownDemands()
    const admin = await createAgent({ role: 'admin' })
    const page = await client
      .get('/agents/statistiques?periode=annee')
      .withGuard('agent')
      .loginAs(admin)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Du 01/01/2026 au 31/12/2026. Tous les services.')

    assert.deepEqual(tableOf(html, 'graphique-demandes-filed'), [
      [TRIAL, '5', '2', '1', '1', '1'],
      [CONTACT, '1', '1', '0', '0', '0'],
    ])
    assert.match(html, /<th scope="col" class="numeric">Médiation<\/th>/)
    assert.deepEqual(tableOf(html, 'graphique-demandes-channels'), [
      ['En ligne', '3', '50 %'],
      ['Guichet', '1', '16,7 %'],
      ['Téléphone', '1', '16,7 %'],
      ['Médiation', '1', '16,7 %'],
    ])
    assert.deepEqual(
      tableOf(html, 'graphique-demandes-filed-over-time').map((row) => row[1]),
      ['1', '1', '1', '1', '1', '1', '0', '0', '0', '0', '0', '0']
    )
    assert.deepEqual(tableOf(html, 'graphique-demandes-processing'), [
      [TRIAL, '3', '3 j', '10 j', '15 j', '66,7 %'],
      [CONTACT, '1', '7 j', '7 j', '10 j', '100 %'],
    ])
    assert.deepEqual(tableOf(html, 'graphique-demandes-outcomes'), [
      ['Acceptée', '2', '50 %'],
      ['Clôturée', '1', '25 %'],
      ['Refusée', '1', '25 %'],
    ])
    assert.deepEqual(tableOf(html, 'graphique-demandes-overdue-now'), [[TRIAL, '1']])
    assert.deepEqual(
      tableOf(html, 'graphique-demandes-overdue-over-time').map((row) => row[1]),
      ['0', '0', '0', '0', '1', '1']
    )
    // Each chart is an image named and described for screen readers, with no style attribute (CSP).
    assert.match(
      html,
      /<svg class="chart__svg chart__svg--bar" role="img"[^>]*aria-labelledby="graphique-demandes-filed-svg-title"[^>]*>\s*<title id="graphique-demandes-filed-svg-title">Demandes déposées par démarche<\/title>\s*<desc id="graphique-demandes-filed-svg-desc">6 demandes déposées du 01\/01\/2026 au 31\/12\/2026/
    )
    assert.notMatch(html, /<(svg|rect|text|line|polyline)[^>]* style=/)

    const csv = await client
      .get(
        '/agents/statistiques/export.csv?periode=annee&date=2026-01-01&module=demandes&graphique=processing'
      )
      .withGuard('agent')
      .loginAs(admin)
    csv.assertStatus(200)
    assert.include(csv.header('content-type'), 'text/csv')
    assert.deepEqual(csvRows(csv.text()), [
      [
        'Démarche',
        'Demandes closes',
        'Délai médian',
        '90e centile',
        'Délai prévu (jours ouvrés)',
        'Closes dans le délai',
      ],
      [TRIAL, '3', '3', '10', '15', '66,7'],
      [CONTACT, '1', '7', '7', '10', '100'],
    ])
    const filed = await client
      .get('/agents/statistiques/export.csv?periode=annee&module=demandes&graphique=filed')
      .withGuard('agent')
      .loginAs(admin)
    assert.deepEqual(csvRows(filed.text()), [
      ['Démarche', 'Demandes déposées', 'En ligne', 'Guichet', 'Téléphone', 'Médiation'],
      [TRIAL, '5', '2', '1', '1', '1'],
      [CONTACT, '1', '1', '0', '0', '0'],
    ])
    for (const chart of [
      'channels',
      'filed_over_time',
      'outcomes',
      'overdue_now',
      'overdue_over_time',
    ]) {
      const download = await client
        .get(`/agents/statistiques/export.csv?periode=annee&module=demandes&graphique=${chart}`)
        .withGuard('agent')
        .loginAs(admin)
      download.assertStatus(200)
      const rows = csvRows(download.text()).slice(1)
      assert.deepEqual(
        rows.map((row) => row[1]),
        tableOf(html, `graphique-demandes-${chart.replace(/_/g, '-')}`).map((row) =>
          row[1].replace(' %', '')
        ),
        chart
      )
    }
    const unknown = await client
      .get('/agents/statistiques/export.csv?module=demandes&graphique=nothing')
      .withGuard('agent')
      .loginAs(admin)
    unknown.assertStatus(404)
  })

  test('a week and a month count the demands filed within them, day by day', async ({
    client,
    assert,
  }) => {
    await seedKnownDemands()
    const admin = await createAgent({ role: 'admin' })
    const month = await client
      .get('/agents/statistiques?periode=mois&date=2026-02-20')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(month.text(), 'Du 01/02/2026 au 28/02/2026.')
    assert.deepEqual(tableOf(month.text(), 'graphique-demandes-filed'), [[TRIAL, '1', '1']])
    const days = tableOf(month.text(), 'graphique-demandes-filed-over-time')
    assert.lengthOf(days, 28)
    assert.deepEqual(days[0], ['1 févr.', '1'])
    const week = await client
      .get('/agents/statistiques?periode=semaine&date=2026-01-13')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(week.text(), 'Du 12/01/2026 au 18/01/2026.')
    assert.lengthOf(tableOf(week.text(), 'graphique-demandes-filed-over-time'), 7)
    assert.deepEqual(tableOf(week.text(), 'graphique-demandes-filed'), [
      ['Aucune donnée sur cette période.'],
    ])
    const custom = await client
      .get('/agents/statistiques?periode=libre&du=2026-03-01&au=2026-01-01')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(custom.text(), 'Du 01/01/2026 au 01/03/2026.')
    assert.deepEqual(tableOf(custom.text(), 'graphique-demandes-filed')[0], [TRIAL, '3', '2', '1'])
  })

  test('an agent sees the figures of their own services only; an agent of no service gets 404', async ({
    client,
    assert,
  }) => {
    await seedKnownDemands()
    const planner = await createAgent({ services: ['urbanisme'] })
    const page = await client.get('/agents/statistiques').withGuard('agent').loginAs(planner)
    page.assertStatus(200)
    assert.include(page.text(), 'Services : urbanisme.')
    assert.deepEqual(
      tableOf(page.text(), 'graphique-demandes-filed').map((row) => row[0]),
      [TRIAL]
    )
    assert.include(page.text(), 'href="/agents/statistiques"')
    const csv = await client
      .get('/agents/statistiques/export.csv?module=demandes&graphique=filed')
      .withGuard('agent')
      .loginAs(planner)
    assert.notInclude(csv.text(), CONTACT)

    const nobody = await createAgent({ services: [] })
    ;(await client.get('/agents/statistiques').withGuard('agent').loginAs(nobody)).assertStatus(404)
    ;(
      await client
        .get('/agents/statistiques/export.csv?module=demandes&graphique=filed')
        .withGuard('agent')
        .loginAs(nobody)
    ).assertStatus(404)
    const home = await client.get('/agents').withGuard('agent').loginAs(nobody)
    assert.notInclude(home.text(), 'href="/agents/statistiques"')
  })

  test('the page reads in English too', async ({ client, assert }) => {
    await seedKnownDemands()
    const admin = await createAgent({ role: 'admin' })
    const page = await client
      .get('/agents/statistiques')
      .header('Accept-Language', 'en')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(page.text(), 'From 01/01/2026 to 31/12/2026. All services.')
    assert.include(page.text(), 'Demands filed per procedure')
    assert.deepEqual(tableOf(page.text(), 'graphique-demandes-outcomes')[0][1], '2')
    assert.include(page.text(), '<th scope="col" class="numeric">Mediation</th>')
  })

  test('the retention purge keeps each procedure’s yearly anonymous figures: a purged year still shows', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-06-15T12:00:00', { freeze: true })
    // Filed in 2023, closed then, kept 24 months after closing: purged in 2026.
    await demand({
      origin: 'web',
      state: 'accepted',
      submitted: '2023-03-01T09:00',
      closed: '2023-03-05T10:00',
      due: '2023-03-20T09:00',
    })
    await demand({
      origin: 'counter',
      state: 'refused',
      submitted: '2023-05-01T09:00',
      closed: '2023-06-01T10:00',
      due: '2023-05-20T09:00',
    })
    await demand({
      origin: 'counter',
      state: 'accepted',
      submitted: '2023-07-01T09:00',
      closed: '2023-07-03T10:00',
      due: '2023-07-20T09:00',
    })
    // Filed in 2023 too but closed recently: still stored, counted once.
    await demand({
      origin: 'web',
      state: 'accepted',
      submitted: '2023-12-01T09:00',
      closed: '2026-01-10T10:00',
      due: '2023-12-20T09:00',
    })
    const admin = await createAgent({ role: 'admin' })
    const before = await client
      .get('/agents/statistiques?periode=annee&date=2023-01-01')
      .withGuard('agent')
      .loginAs(admin)
    const figures = {
      filed: tableOf(before.text(), 'graphique-demandes-filed'),
      processing: tableOf(before.text(), 'graphique-demandes-processing'),
      outcomes: tableOf(before.text(), 'graphique-demandes-outcomes'),
    }
    assert.deepEqual(figures.filed, [[TRIAL, '4', '2', '2']])

    assert.equal(await applyRetention(), 3)
    const kept = await db.from('demands').count('* as total').first()
    assert.equal(Number(kept.total), 1)
    const rows = await db.from('procedure_year_statistics').orderBy('processing_days')
    assert.deepEqual(
      rows.map((row) => [
        row.year,
        row.procedure_key,
        row.channel,
        row.outcome,
        row.processing_days,
        Boolean(row.late),
        row.demands,
      ]),
      [
        [2023, 'demande-essai', 'counter', 'accepted', 2, false, 1],
        [2023, 'demande-essai', 'web', 'accepted', 4, false, 1],
        [2023, 'demande-essai', 'counter', 'refused', 31, true, 1],
      ]
    )

    const after = await client
      .get('/agents/statistiques?periode=annee&date=2023-01-01')
      .withGuard('agent')
      .loginAs(admin)
    assert.deepEqual(tableOf(after.text(), 'graphique-demandes-filed'), figures.filed)
    assert.deepEqual(tableOf(after.text(), 'graphique-demandes-processing'), figures.processing)
    assert.deepEqual(tableOf(after.text(), 'graphique-demandes-outcomes'), figures.outcomes)
    assert.deepEqual(figures.processing, [[TRIAL, '4', '4 j', '771 j', '15 j', '50 %']])
  })
})
