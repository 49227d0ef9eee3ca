import { test } from '@japa/runner'
import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import Demand from '#demands/models/demand'
import Appointment from '#appointments/models/appointment'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { issueInvoice } from '#payments/actions/issue_invoice'
import modules from '#core/services/modules'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { timelinePage, type TimelineCursor } from '#accounts/resident_space'
import { createResident } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'

/*
 * The childhood registrations in the resident's timeline on /mon-espace
 * (residentSpace.timeline of the manifest), merged with the core's sources
 * (demands, appointments, invoices and payments). The core's own timeline
 * tests (app/accounts/tests/functional/resident_timeline.spec.ts) know no brick.
 */

const french = i18nManager.locale('fr')
const t = (key: string, data?: Record<string, unknown>) => french.t(key, data)

let references = 0

/** One row of each kind for `user`, each `hoursAgo` before the frozen clock; returns `${kind}-${id}` newest first. */
async function historyOf(user: User, at: Record<string, number>) {
  const now = clock.now()
  const when = (hours: number) => now.minus({ hours }).set({ millisecond: 0 })
  const rows: { key: string; date: DateTime }[] = []

  const demand = await Demand.create({
    reference: `DEM-${user.id}-${++references}`,
    procedureKey: 'nous-contacter',
    serviceSlug: 'accueil',
    state: 'submitted',
    origin: 'web',
    userId: user.id,
    answers: { subject: `Sujet de ${user.lastName}` },
    currentStep: 1,
    submittedAt: when(at.demand),
  })
  rows.push({ key: `demand-${demand.id}`, date: demand.submittedAt! })

  const { point, type } = await createAgenda()
  const startsAt = when(at.appointment)
  const appointment = await Appointment.create({
    meetingPointId: point.id,
    meetingTypeId: type.id,
    desk: 1,
    startsAt,
    endsAt: startsAt.plus({ minutes: 15 }),
    status: 'booked',
    persons: 1,
    userId: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: null,
    details: {},
    origin: 'web',
  })
  rows.push({ key: `appointment-${appointment.id}`, date: startsAt })

  const invoice = await issueInvoice({
    payer: { userId: user.id, name: user.fullName, email: user.email },
    serviceSlug: 'enfance',
    label: `Facture de ${user.lastName}`,
    dueOn: '2030-01-31',
    lines: [{ label: 'Repas', quantity: 2, unitCents: 450 }],
  })
  await Invoice.query()
    .where('id', invoice.id)
    .update({ createdAt: dbTimestamp(when(at.invoice).toUTC()) })
  rows.push({ key: `invoice-${invoice.id}`, date: when(at.invoice) })

  const payment = await Payment.create({
    invoiceId: invoice.id,
    provider: 'payfip',
    refdet: `REF${user.id}X${references}`,
    amountCents: 900,
    status: 'paid',
    paidAt: when(at.payment),
    createdAt: when(at.payment),
  })
  rows.push({ key: `payment-${payment.id}`, date: when(at.payment) })

  const child = await HouseholdMember.create({
    userId: user.id,
    kind: 'child',
    firstName: `Enfant${user.id}`,
    lastName: user.lastName,
  })
  const [activity] = await db
    .table('activities')
    .insert({
      owner: 'childhood',
      kind: 'periscolaire',
      name: `Mercredis de ${user.lastName}`,
      min_age: 3,
      max_age: 11,
      pricing: 'session',
      prices: '{"A":300,"B":600,"C":900,"D":1200}',
      opens_on: '2020-01-01',
      closes_on: '2099-01-01',
      active: true,
    })
    .returning('id')
  const [session] = await db
    .table('activity_sessions')
    .insert({
      owner: 'childhood',
      activity_id: idOf(activity),
      label: 'Mercredi',
      starts_on: '2030-01-02',
      ends_on: '2030-01-02',
      capacity: 10,
    })
    .returning('id')
  const registeredAt = dbTimestamp(when(at.registration).toUTC())
  const [registration] = await db
    .table('activity_registrations')
    .insert({
      owner: 'childhood',
      session_id: idOf(session),
      household_member_id: child.id,
      user_id: user.id,
      status: 'placed',
      accepted_at: null,
      attendance: '{}',
      created_at: registeredAt,
      updated_at: registeredAt,
    })
    .returning('id')
  rows.push({ key: `childhood_registration-${idOf(registration)}`, date: when(at.registration) })

  return rows.sort((a, b) => b.date.toMillis() - a.date.toMillis()).map((row) => row.key)
}

function idOf(row: unknown) {
  return Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
}

/** The timeline's items as the page lists them: `${kind}-${id}`, top to bottom. */
function listed(html: string) {
  const section = html.slice(html.indexOf('id="historique"'))
  return [...section.matchAll(/<li id="([a-z_]+-\d+)" class="timeline__item/g)].map(
    (match) => match[1]
  )
}

/** Every item of the timeline, following the cursors `pageSize` at a time. */
async function walk(userId: number, pageSize: number, kind?: string) {
  const keys: string[] = []
  let before: TimelineCursor | null = null
  for (let pages = 0; pages < 20; pages++) {
    const page = await timelinePage(modules, { userId, kind, before, pageSize, t })
    keys.push(...page.items.map((item) => `${item.kind}-${item.id}`))
    if (!page.nextCursor) return { keys, pages: pages + 1 }
    const last = page.items[page.items.length - 1]
    before = { date: last.date, kind: last.kind, id: last.id }
  }
  throw new Error('the timeline never ends')
}

/** Every test's dates hang on one frozen moment (a Wednesday morning in Évry); the suite's isolation resets the clock. */
function freeze() {
  clock.travelTo('2026-12-02T11:00:00', { freeze: true })
}

test.group('Childhood: registrations in the resident timeline', () => {
  test('the resident’s demands, appointments, invoices, payments and childhood registrations are merged newest first', async ({
    client,
    assert,
  }) => {
    freeze()
    const marie = await createResident({ firstName: 'Marie', lastName: 'Timeline' })
    // The appointment is to come: it leads the timeline.
    const expected = await historyOf(marie, {
      appointment: -48,
      demand: 2,
      registration: 5,
      invoice: 30,
      payment: 29,
    })
    const response = await client.get('/mon-espace').withGuard('web').loginAs(marie)
    response.assertStatus(200)
    assert.deepEqual(listed(response.text()), expected)
    assert.deepEqual(
      expected.map((key) => key.replace(/-\d+$/, '')),
      ['appointment', 'demand', 'childhood_registration', 'payment', 'invoice']
    )
    response.assertTextIncludes('Facture de Timeline')
    response.assertTextIncludes('Mercredis de Timeline')
  })

  test('in English, the same timeline with English labels', async ({ client, assert }) => {
    freeze()
    const john = await createResident({ firstName: 'John', lastName: 'English' })
    const expected = await historyOf(john, {
      appointment: 1,
      demand: 2,
      registration: 3,
      invoice: 4,
      payment: 5,
    })
    const response = await client
      .get('/mon-espace')
      .header('Accept-Language', 'en-GB,en;q=0.8')
      .withGuard('web')
      .loginAs(john)
    assert.deepEqual(listed(response.text()), expected)
    for (const text of [
      'My history',
      'Everything',
      'Childhood registrations',
      'Online payment: Facture de English',
      'Paid',
    ])
      response.assertTextIncludes(text)
  })

  test('the kind filter keeps one kind, and an unknown kind shows everything', async ({
    client,
    assert,
  }) => {
    freeze()
    const marie = await createResident({ lastName: 'Filtre' })
    const expected = await historyOf(marie, {
      appointment: 1,
      demand: 2,
      registration: 3,
      invoice: 4,
      payment: 5,
    })
    for (const kind of ['demand', 'appointment', 'invoice', 'payment', 'childhood_registration']) {
      const response = await client.get(`/mon-espace?type=${kind}`).withGuard('web').loginAs(marie)
      assert.deepEqual(
        listed(response.text()),
        expected.filter((key) => key.startsWith(`${kind}-`)),
        kind
      )
      assert.include(response.text(), `<option value="${kind}" selected>`)
    }
    const unknown = await client.get('/mon-espace?type=nimporte').withGuard('web').loginAs(marie)
    assert.deepEqual(listed(unknown.text()), expected)
  })

  test('keyset pagination walks every item once, in order, ties broken by kind then id', async ({
    assert,
  }) => {
    freeze()
    const marie = await createResident({ lastName: 'Pages' })
    // Same date for the demand, the invoice and the registration: the cursor must not lose nor repeat them.
    const expected = await historyOf(marie, {
      appointment: 1,
      demand: 3,
      registration: 3,
      invoice: 3,
      payment: 7,
    })
    const second = await historyOf(marie, {
      appointment: 2,
      demand: 3,
      registration: 4,
      invoice: 6,
      payment: 5,
    })
    const all = [...expected, ...second]
    const full = await walk(marie.id, 100)
    assert.equal(full.pages, 1)
    assert.sameMembers(full.keys, all)
    for (const pageSize of [1, 2, 3, 4]) {
      const paged = await walk(marie.id, pageSize)
      assert.deepEqual(paged.keys, full.keys, `pages of ${pageSize}`)
    }
    const invoices = await walk(marie.id, 1, 'invoice')
    assert.deepEqual(
      invoices.keys,
      full.keys.filter((key) => key.startsWith('invoice-'))
    )
    // Same date: kinds descending (payment > invoice > demand > childhood_registration > appointment).
    const tied = full.keys
      .filter((key) => /^(demand|invoice|childhood_registration)-/.test(key))
      .slice(0, 4)
    const demandIds = [expected, second]
      .map((keys) => keys.find((key) => key.startsWith('demand-'))!)
      .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]))
    assert.deepEqual(tied, [
      expected.find((key) => key.startsWith('invoice-'))!,
      ...demandIds,
      expected.find((key) => key.startsWith('childhood_registration-'))!,
    ])
  })

  test('“Plus anciens” carries the cursor and the filter, without JavaScript', async ({
    client,
    assert,
  }) => {
    freeze()
    const marie = await createResident({ lastName: 'Anciens' })
    const base = clock.now()
    const demands = []
    for (let index = 0; index < 23; index++) {
      demands.push(
        await Demand.create({
          reference: `DEM-P-${index}`,
          procedureKey: 'nous-contacter',
          serviceSlug: 'accueil',
          state: 'submitted',
          origin: 'web',
          userId: marie.id,
          answers: {},
          currentStep: 1,
          submittedAt: base.minus({ hours: index }).set({ millisecond: 0 }),
        })
      )
    }
    const history = await historyOf(marie, {
      appointment: 100,
      demand: 101,
      registration: 102,
      invoice: 103,
      payment: 104,
    })
    const first = await client.get('/mon-espace?type=demand').withGuard('web').loginAs(marie)
    assert.deepEqual(
      listed(first.text()),
      demands.slice(0, 20).map((demand) => `demand-${demand.id}`)
    )
    const older = first.text().match(/<a href="([^"]+)" rel="next">Plus anciens<\/a>/)
    assert.exists(older, 'a “Plus anciens” link')
    const href = older![1].replace(/&amp;/g, '&')
    assert.match(href, /^\/mon-espace\?type=demand&avant=[\w-]+#historique$/)
    const second = await client.get(href.replace(/#.*$/, '')).withGuard('web').loginAs(marie)
    assert.deepEqual(listed(second.text()), [
      ...demands.slice(20).map((demand) => `demand-${demand.id}`),
      history.find((key) => key.startsWith('demand-'))!,
    ])
    assert.notMatch(second.text(), /rel="next">Plus anciens/)
    second.assertTextIncludes('Revenir aux plus récents')
    // A forged cursor is ignored: the first page again.
    const forged = await client
      .get('/mon-espace?avant=%E2%80%A6not-a-cursor')
      .withGuard('web')
      .loginAs(marie)
    forged.assertStatus(200)
    assert.equal(listed(forged.text())[0].replace(/-\d+$/, ''), 'demand')
  })

  test('another resident’s items never appear', async ({ client, assert }) => {
    freeze()
    const marie = await createResident({ lastName: 'Soi' })
    const other = await createResident({ lastName: 'Autrui' })
    const mine = await historyOf(marie, {
      appointment: 1,
      demand: 2,
      registration: 3,
      invoice: 4,
      payment: 5,
    })
    const theirs = await historyOf(other, {
      appointment: 1.5,
      demand: 2.5,
      registration: 3.5,
      invoice: 4.5,
      payment: 5.5,
    })
    const page = await client.get('/mon-espace').withGuard('web').loginAs(marie)
    assert.deepEqual(listed(page.text()), mine)
    assert.notInclude(page.text(), 'Autrui')
    for (const kind of ['demand', 'appointment', 'invoice', 'payment', 'childhood_registration']) {
      const filtered = await walk(marie.id, 1, kind)
      assert.notIncludeMembers(filtered.keys, theirs)
    }
    assert.sameMembers((await walk(other.id, 2)).keys, theirs)
  })

  test('a disabled childhood brick takes its registrations and its filter out of the timeline', async ({
    client,
    assert,
  }) => {
    freeze()
    const marie = await createResident({ lastName: 'Brique' })
    const expected = await historyOf(marie, {
      appointment: 1,
      demand: 2,
      registration: 3,
      invoice: 4,
      payment: 5,
    })
    modules.enableFromSetting('administration')
    try {
      const page = await client.get('/mon-espace').withGuard('web').loginAs(marie)
      assert.deepEqual(
        listed(page.text()),
        expected.filter((key) => !key.startsWith('childhood_registration-'))
      )
      assert.notInclude(page.text(), 'value="childhood_registration"')
      assert.notInclude(page.text(), 'Mercredis de Brique')
      const filtered = await client
        .get('/mon-espace?type=childhood_registration')
        .withGuard('web')
        .loginAs(marie)
      assert.notInclude(filtered.text(), 'Mercredis de Brique')
    } finally {
      modules.enableFromSetting(undefined)
    }
    const again = await client.get('/mon-espace').withGuard('web').loginAs(marie)
    assert.deepEqual(listed(again.text()), expected)
  })
})
