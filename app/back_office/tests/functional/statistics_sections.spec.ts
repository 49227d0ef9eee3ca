import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import Activity from '#activities/models/activity'
import ActivitySession from '#activities/models/activity_session'
import ActivityRegistration from '#activities/models/activity_registration'
import { csvRows, tableOf } from '#back_office/tests/support/statistics'
import { createAgent, createService } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'

/*
 * The sections the other modules add through their manifests, on February
 * 2026 (the clock is frozen on 15 March 2026 at noon, Paris), with known
 * appointments, invoices and payments, activities and connector failures.
 */
const FEBRUARY = 'periode=mois&date=2026-02-10'
const at = (iso: string) => dbTimestamp(DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toUTC())

async function appointment(pointId: number, typeId: number, startsAt: string, status: string) {
  await db.table('appointments').insert({
    meeting_point_id: pointId,
    meeting_type_id: typeId,
    desk: 1,
    starts_at: at(startsAt),
    ends_at: at(DateTime.fromISO(startsAt).plus({ minutes: 15 }).toISO()!),
    status,
    persons: 1,
    first_name: 'Camille',
    last_name: 'Durand',
    details: '{}',
    origin: 'web',
    created_at: at('2026-01-20T10:00'),
    updated_at: at('2026-01-20T10:00'),
  })
}

async function invoice(options: {
  number: string
  amount: number
  paid?: number
  status: string
  dueOn: string
  created: string
}) {
  const [row] = await db
    .table('invoices')
    .insert({
      number: options.number,
      payer_name: 'Léa Martin',
      service_slug: 'restauration',
      label: 'Restauration scolaire',
      amount_cents: options.amount,
      paid_cents: options.paid ?? 0,
      due_on: options.dueOn,
      status: options.status,
      created_at: at(options.created),
      updated_at: at(options.created),
    })
    .returning('id')
  return typeof row === 'object' ? row.id : row
}

async function payment(invoiceId: number, amount: number, paidAt: string, method: string | null) {
  await db.table('payments').insert({
    invoice_id: invoiceId,
    provider: method ? 'desk' : 'payfip',
    refdet: `R${invoiceId}${amount}${paidAt.slice(8, 10)}`,
    amount_cents: amount,
    status: 'paid',
    method,
    paid_at: at(paidAt),
    created_at: at(paidAt),
    updated_at: at(paidAt),
  })
}

async function seed() {
  clock.travelTo('2026-03-15T12:00:00', { freeze: true })
  // Open on Mondays 08:00–18:00, one desk, 15-minute slots: 40 a Monday, four Mondays in February.
  const { point, type } = await createAgenda({ service: 'etat_civil', weekdays: [1] })
  await appointment(point.id, type.id, '2026-02-02T09:00', 'booked')
  await appointment(point.id, type.id, '2026-02-09T09:00', 'attended')
  await appointment(point.id, type.id, '2026-02-09T09:15', 'attended')
  await appointment(point.id, type.id, '2026-02-16T09:00', 'no_show')
  await appointment(point.id, type.id, '2026-02-23T09:00', 'cancelled')
  await appointment(point.id, type.id, '2026-03-02T09:00', 'attended')

  await createService('restauration', 'Restauration')
  const paidOnline = await invoice({
    number: 'F1',
    amount: 4000,
    paid: 4000,
    status: 'paid',
    dueOn: '2026-02-28',
    created: '2026-02-03T10:00',
  })
  const partly = await invoice({
    number: 'F2',
    amount: 2500,
    paid: 1000,
    status: 'partly_paid',
    dueOn: '2026-02-28',
    created: '2026-02-03T10:00',
  })
  await invoice({
    number: 'F3',
    amount: 3000,
    status: 'issued',
    dueOn: '2026-04-30',
    created: '2026-02-20T10:00',
  })
  await invoice({
    number: 'F4',
    amount: 9999,
    status: 'cancelled',
    dueOn: '2026-02-28',
    created: '2026-02-03T10:00',
  })
  const january = await invoice({
    number: 'F5',
    amount: 1000,
    paid: 1000,
    status: 'paid',
    dueOn: '2026-02-28',
    created: '2026-01-10T10:00',
  })
  await payment(paidOnline, 4000, '2026-02-10T10:00', null)
  await payment(partly, 1000, '2026-02-12T10:00', 'cash')
  await payment(january, 1000, '2026-02-13T10:00', 'card')

  const activity = await Activity.create({
    owner: 'fixture',
    kind: 'leisure',
    name: 'Centre de loisirs',
    minAge: 3,
    maxAge: 11,
    pricing: 'session',
    prices: { A: 250 } as any,
    opensOn: '2026-01-01',
    closesOn: '2026-06-30',
    active: true,
    options: {},
  })
  const sessions = await ActivitySession.createMany(
    ['2026-02-11', '2026-02-18', '2026-03-04'].map((day) => ({
      owner: 'fixture',
      activityId: activity.id,
      label: `Mercredi ${day}`,
      startsOn: day,
      endsOn: day,
      capacity: 10,
      closed: false,
    }))
  )
  for (const [session, status, seats] of [
    [0, 'placed', 2],
    [1, 'placed', 1],
    [1, 'waiting', 1],
    [1, 'waiting', 1],
    [0, 'cancelled', 1],
    [2, 'placed', 5],
  ] as const)
    await ActivityRegistration.create({
      owner: 'fixture',
      sessionId: sessions[session].id,
      status,
      seats,
      userId: null,
      householdMemberId: null,
    } as any)

  await db
    .table('connector_failures')
    .insert({ connector: 'smtp', failures: 3, last_failed_at: at('2026-03-10T11:00') })
  return { point, type }
}

test.group('Statistics sections of the modules', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('an admin reads February’s appointments, invoices, payments, activities and connector failures, on the page and in the CSV', async ({
    client,
    assert,
  }) => {
    const { point, type } = await seed()
    const admin = await createAgent({ role: 'admin' })
    const page = await client
      .get(`/agents/statistiques?${FEBRUARY}`)
      .withGuard('agent')
      .loginAs(admin)
    page.assertStatus(200)
    const html = page.text()

    assert.deepEqual(tableOf(html, 'graphique-rendez-vous-types'), [
      [type.label, '160', '5', '2', '1', '1', '2,5 %'],
    ])
    assert.deepEqual(tableOf(html, 'graphique-rendez-vous-points'), [
      [point.name, '5', '2', '1', '1'],
    ])
    assert.deepEqual(tableOf(html, 'graphique-paiements-invoices'), [
      ['Restauration', '3', '95,00 €', '45,00 €', '15,00 €'],
    ])
    assert.deepEqual(tableOf(html, 'graphique-paiements-payments'), [
      ['Restauration', '40,00 €', '1', '20,00 €', '2'],
    ])
    assert.deepEqual(tableOf(html, 'graphique-activites-fill'), [
      ['Centre de loisirs (Brique d’essai)', '2', '20', '3', '15 %', '2'],
    ])
    assert.deepEqual(tableOf(html, 'graphique-connecteurs-failures'), [['smtp', '3', '5 j']])
    assert.include(html, 'id="section-signalements"')

    const csv = async (module: string, chart: string) => {
      const response = await client
        .get(`/agents/statistiques/export.csv?${FEBRUARY}&module=${module}&graphique=${chart}`)
        .withGuard('agent')
        .loginAs(admin)
      response.assertStatus(200)
      return csvRows(response.text())
    }
    assert.deepEqual(await csv('rendez-vous', 'types'), [
      [
        'Type de rendez-vous',
        'Créneaux proposés',
        'Réservés',
        'Honorés',
        'Absences',
        'Annulés',
        'Taux de remplissage',
      ],
      [type.label, '160', '5', '2', '1', '1', '2,5'],
    ])
    assert.deepEqual((await csv('rendez-vous', 'points'))[1], [point.name, '5', '2', '1', '1'])
    assert.deepEqual((await csv('paiements', 'invoices'))[1], [
      'Restauration',
      '3',
      '9500',
      '4500',
      '1500',
    ])
    assert.deepEqual((await csv('paiements', 'payments'))[1], [
      'Restauration',
      '4000',
      '1',
      '2000',
      '2',
    ])
    assert.deepEqual((await csv('activites', 'fill'))[1], [
      'Centre de loisirs (Brique d’essai)',
      '2',
      '20',
      '3',
      '15',
      '2',
    ])
    assert.deepEqual((await csv('connecteurs', 'failures'))[1], ['smtp', '3', '5'])
  })

  test('an agent sees the sections of their services only, and never the connectors’', async ({
    client,
    assert,
  }) => {
    await seed()
    const registrar = await createAgent({ services: ['etat_civil'] })
    const page = await client
      .get(`/agents/statistiques?${FEBRUARY}`)
      .withGuard('agent')
      .loginAs(registrar)
    page.assertStatus(200)
    assert.lengthOf(tableOf(page.text(), 'graphique-rendez-vous-types'), 1)
    assert.deepEqual(tableOf(page.text(), 'graphique-paiements-invoices'), [
      ['Aucune donnée sur cette période.'],
    ])
    assert.deepEqual(tableOf(page.text(), 'graphique-activites-fill'), [
      ['Aucune donnée sur cette période.'],
    ])
    assert.notInclude(page.text(), 'graphique-connecteurs')
    assert.notInclude(page.text(), 'id="section-signalements"')
    const connectors = await client
      .get(`/agents/statistiques/export.csv?module=connecteurs&graphique=failures`)
      .withGuard('agent')
      .loginAs(registrar)
    connectors.assertStatus(404)

    const frontDesk = await createAgent({ services: ['accueil'] })
    const theirs = await client
      .get(`/agents/statistiques?${FEBRUARY}&module=activites`)
      .withGuard('agent')
      .loginAs(frontDesk)
    assert.deepEqual(
      tableOf(theirs.text(), 'graphique-activites-fill')[0][0],
      'Centre de loisirs (Brique d’essai)'
    )
    assert.notInclude(theirs.text(), 'graphique-demandes-filed')
  })
})
