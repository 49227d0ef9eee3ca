import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import CreateApiClient from '#api/actions/create_api_client'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import Notification from '#demands/models/notification'
import DemandEvent from '#demands/models/demand_event'
import Job from '#jobs/job'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'
import { appointment } from '#tests/support/agent_home'
import { canteenInvoice } from '#tests/support/factories/payments'
import { submittedDemand } from '#api/tests/support/api'
import { clock } from '#core/clock'

/** A business software's client, created by an admin, with these scopes on these services. */
async function vendor(name: string, scopes: string[], services: string[]) {
  const admin = await createAgent({ role: 'admin', services })
  const { token, client } = await new CreateApiClient().handle(admin, {
    name,
    scopes,
    services,
    rateLimit: 1000,
  })
  return { token, client }
}

const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/

test.group('A business software writes on demands in its own name', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('it posts a message to the resident and assigns the demand with If-Match; the agents read "Le logiciel …" on the timeline', async ({
    client,
    assert,
  }) => {
    const { token } = await vendor('GRC Accueil', ['demands:read', 'demands:write'], ['accueil'])
    const desk = await createAgent({ services: ['accueil'], email: 'claire@ville.example' })
    const stranger = await createAgent({ services: ['etat_civil'], email: 'marc@ville.example' })
    const demand = await submittedDemand('accueil', 'Horaires d’été')
    const other = await submittedDemand('etat_civil')

    const message = await client
      .post(`/api/v1/demands/${demand.id}/messages`)
      .bearerToken(token)
      .json({ body: 'Nous ouvrons à 8 h 30 tout l’été.' })
    message.assertStatus(201)
    assert.equal(message.body().body, 'Nous ouvrons à 8 h 30 tout l’été.')
    assert.match(message.body().at, ISO_WITH_OFFSET)
    const event = await DemandEvent.findOrFail(message.body().id)
    assert.equal(event.actorType, 'software')
    assert.equal(event.actorName, 'GRC Accueil')
    assert.isTrue(event.visibleToResident)
    // The resident hears of it as of an agent's message.
    assert.isNotNull(await Notification.query().where('demandId', demand.id).first())

    const read = await client.get(`/api/v1/demands/${demand.id}`).bearerToken(token)
    const etag = read.header('etag')!
    const withoutEtag = await client
      .put(`/api/v1/demands/${demand.id}/assignee`)
      .bearerToken(token)
      .json({ assignee_email: 'claire@ville.example' })
    withoutEtag.assertStatus(428)
    const assigned = await client
      .put(`/api/v1/demands/${demand.id}/assignee`)
      .bearerToken(token)
      .header('If-Match', etag)
      .json({ assignee_email: 'Claire@Ville.example' })
    assigned.assertStatus(200)
    assert.deepEqual(assigned.body().assignee, {
      name: desk.fullName,
      email: 'claire@ville.example',
    })
    await demand.refresh()
    assert.equal(demand.assigneeId, desk.id)
    const stale = await client
      .put(`/api/v1/demands/${demand.id}/assignee`)
      .bearerToken(token)
      .header('If-Match', etag)
      .json({ assignee_email: null })
    stale.assertStatus(412)
    const elsewhere = await client
      .put(`/api/v1/demands/${demand.id}/assignee`)
      .bearerToken(token)
      .header('If-Match', assigned.header('etag')!)
      .json({ assignee_email: stranger.email })
    elsewhere.assertStatus(422)
    assert.equal(elsewhere.body().type, '/api/v1/docs#problem-unknown-assignee')

    const fired = await client
      .post(`/api/v1/demands/${demand.id}/transitions`)
      .bearerToken(token)
      .header('If-Match', assigned.header('etag')!)
      .json({ transition: 'start_review' })
    fired.assertStatus(200)
    assert.deepEqual(
      fired.body().timeline.map((line: { kind: string; actor: string }) => [line.kind, line.actor]),
      [
        ['message', 'software:GRC Accueil'],
        ['assignment', 'software:GRC Accueil'],
        ['transition', 'software:GRC Accueil'],
      ]
    )

    const page = await client.get(`/agents/demandes/${demand.id}`).withGuard('agent').loginAs(desk)
    page.assertStatus(200)
    assert.include(page.text(), 'Le logiciel GRC Accueil')

    for (const request of [
      client.post(`/api/v1/demands/${other.id}/messages`).json({ body: 'Bonjour' }),
      client
        .put(`/api/v1/demands/${other.id}/assignee`)
        .header('If-Match', '*')
        .json({ assignee_email: null }),
    ])
      (await request.bearerToken(token)).assertStatus(404)
    assert.lengthOf(await DemandEvent.query().where('demandId', other.id), 0)
  })

  test('a client with read only may not post nor assign', async ({ client }) => {
    const { token } = await vendor('Lecture seule', ['demands:read'], ['accueil'])
    const demand = await submittedDemand('accueil')
    const message = await client
      .post(`/api/v1/demands/${demand.id}/messages`)
      .bearerToken(token)
      .json({ body: 'Bonjour' })
    message.assertStatus(403)
  })
})

test.group('A business software on appointments', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('it lists a day’s appointments per meeting point, reads one and cancels it with a reason and If-Match', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-03-02T08:00:00+01:00', { freeze: true })
    const { token } = await vendor(
      'Agenda mairie',
      ['appointments:read', 'appointments:write'],
      ['accueil']
    )
    const main = await createAgenda({ service: 'accueil' })
    const annex = await createAgenda({ service: 'accueil' })
    const civil = await createAgenda({ service: 'etat_civil' })
    const at = (time: string) =>
      DateTime.fromISO(`2026-03-04T${time}`, { zone: 'Europe/Paris' }).toUTC() as DateTime<true>
    const late = await appointment(main.type.id, main.point.id, at('11:00'))
    const early = await appointment(main.type.id, main.point.id, at('09:15'))
    const inAnnex = await appointment(annex.type.id, annex.point.id, at('10:00'))
    // Just after midnight in Paris the next day is still the 4th in UTC: not that day's.
    await appointment(main.type.id, main.point.id, at('00:30').plus({ days: 1 }))
    const lastOfDay = await appointment(main.type.id, main.point.id, at('23:45'))
    const outside = await appointment(civil.type.id, civil.point.id, at('10:00'))

    const day = await client.get('/api/v1/appointments?day=2026-03-04').bearerToken(token)
    day.assertStatus(200)
    assert.deepEqual(
      day.body().data.map((row: { id: number }) => row.id),
      [early.id, inAnnex.id, late.id, lastOfDay.id]
    )
    assert.equal(day.body().data[0].starts_at, '2026-03-04T09:15:00.000+01:00')
    const point = await client
      .get(`/api/v1/appointments?day=2026-03-04&point=${annex.point.id}`)
      .bearerToken(token)
    assert.deepEqual(
      point.body().data.map((row: { id: number }) => row.id),
      [inAnnex.id]
    )
    const noDay = await client.get('/api/v1/appointments').bearerToken(token)
    noDay.assertStatus(422)
    assert.equal(noDay.body().errors[0].field, 'day')

    const read = await client.get(`/api/v1/appointments/${early.id}`).bearerToken(token)
    read.assertStatus(200)
    assert.equal(read.body().status, 'booked')
    assert.equal(read.body().resident.last_name, 'Durand')
    const missing = await client
      .post(`/api/v1/appointments/${early.id}/cancellation`)
      .bearerToken(token)
      .json({ reason: 'Guichet fermé' })
    missing.assertStatus(428)
    const cancelled = await client
      .post(`/api/v1/appointments/${early.id}/cancellation`)
      .bearerToken(token)
      .header('If-Match', read.header('etag')!)
      .json({ reason: 'Guichet fermé (formation)' })
    cancelled.assertStatus(200)
    assert.equal(cancelled.body().status, 'cancelled')
    assert.equal(cancelled.body().cancellation_reason, 'Guichet fermé (formation)')
    assert.equal(cancelled.body().cancelled_by, 'agent')
    const mail = await Job.query().where('name', 'appointment_mail').firstOrFail()
    assert.deepEqual(JSON.parse(mail.payload), { appointmentId: early.id, kind: 'cancelled' })
    const again = await client
      .post(`/api/v1/appointments/${early.id}/cancellation`)
      .bearerToken(token)
      .header('If-Match', read.header('etag')!)
      .json({ reason: 'Deux fois' })
    again.assertStatus(412)
    const twice = await client
      .post(`/api/v1/appointments/${early.id}/cancellation`)
      .bearerToken(token)
      .header('If-Match', cancelled.header('etag')!)
      .json({ reason: 'Deux fois' })
    twice.assertStatus(422)

    ;(await client.get(`/api/v1/appointments/${outside.id}`).bearerToken(token)).assertStatus(404)
    const outsideCancel = await client
      .post(`/api/v1/appointments/${outside.id}/cancellation`)
      .bearerToken(token)
      .header('If-Match', '*')
      .json({ reason: 'Non' })
    outsideCancel.assertStatus(404)
    await outside.refresh()
    assert.equal(outside.status, 'booked')
  })
})

test.group('A billing software on invoices and payments', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  const invoice = {
    service: 'enfance',
    label: 'Accueil de loisirs — février 2026',
    due_on: '2026-03-31',
    payer: { name: 'Marie Martin', email: 'marie.martin@example.org' },
    lines: [
      { label: 'Mercredis (4)', quantity: 4, unit_cents: 1250 },
      { label: 'Goûters', quantity: 4, unit_cents: 85 },
    ],
  }

  test('the same invoice created twice through the API with one idempotency key exists once', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-03-02T10:00:00+01:00', { freeze: true })
    const { token } = await vendor(
      'Facturation enfance',
      ['invoices:read', 'invoices:write'],
      ['enfance']
    )
    const resident = await createResident({ email: 'marie.martin@example.org' })
    const key = '6f1c1f3e-3b9a-4d0c-9a57-2f7d0f1f8b11'

    const first = await client
      .post('/api/v1/invoices')
      .bearerToken(token)
      .header('Idempotency-Key', key)
      .json(invoice)
    first.assertStatus(201)
    assert.isUndefined(first.header('idempotent-replayed'))
    assert.equal(first.body().amount_cents, 5340)
    assert.equal(first.body().due_cents, 5340)
    assert.equal(first.body().currency, 'EUR')
    assert.equal(first.body().status, 'issued')
    assert.equal(first.body().created_at, '2026-03-02T10:00:00.000+01:00')
    assert.deepEqual(first.body().lines[1], {
      label: 'Goûters',
      quantity: 4,
      unit_cents: 85,
      total_cents: 340,
    })

    // The network dropped the answer: the billing software sends the same invoice again.
    const second = await client
      .post('/api/v1/invoices')
      .bearerToken(token)
      .header('Idempotency-Key', key)
      .json({ ...invoice, payer: { email: invoice.payer.email, name: invoice.payer.name } })
    second.assertStatus(201)
    assert.equal(second.header('idempotent-replayed'), 'true')
    assert.deepEqual(second.body(), first.body())
    const stored = await Invoice.query().where('label', invoice.label)
    assert.lengthOf(stored, 1)
    assert.equal(stored[0].payerUserId, resident.id)

    const changed = await client
      .post('/api/v1/invoices')
      .bearerToken(token)
      .header('Idempotency-Key', key)
      .json({ ...invoice, label: 'Autre facture' })
    changed.assertStatus(422)
    assert.match(changed.header('content-type') ?? '', /^application\/problem\+json/)
    assert.equal(changed.body().type, '/api/v1/docs#problem-idempotency-key-reused')
    assert.lengthOf(await Invoice.query().where('label', 'Autre facture'), 0)

    const withoutKey = await client.post('/api/v1/invoices').bearerToken(token).json(invoice)
    withoutKey.assertStatus(400)
    const otherService = await client
      .post('/api/v1/invoices')
      .bearerToken(token)
      .header('Idempotency-Key', 'a-new-key')
      .json({ ...invoice, service: 'accueil' })
    otherService.assertStatus(422)
    assert.equal(otherService.body().errors[0].field, 'service')
    const decimals = await client
      .post('/api/v1/invoices')
      .bearerToken(token)
      .header('Idempotency-Key', 'a-third-key')
      .json({ ...invoice, lines: [{ label: 'Repas', quantity: 1, unit_cents: 12.5 }] })
    decimals.assertStatus(422)
    assert.lengthOf(await Invoice.all(), 1)

    // Another key is another invoice.
    const another = await client
      .post('/api/v1/invoices')
      .bearerToken(token)
      .header('Idempotency-Key', 'b6a1d4a2-0000-4000-8000-000000000002')
      .json(invoice)
    another.assertStatus(201)
    assert.notEqual(another.body().id, first.body().id)
  })

  test('two deliveries of one invoice racing with the same key create it once, and both get its answer', async ({
    client,
    assert,
  }) => {
    const { token } = await vendor('Facturation enfance', ['invoices:write'], ['enfance'])
    const send = () =>
      client
        .post('/api/v1/invoices')
        .bearerToken(token)
        .header('Idempotency-Key', 'race-1')
        .json(invoice)
    const [one, two] = await Promise.all([send(), send()])
    one.assertStatus(201)
    two.assertStatus(201)
    assert.equal(one.body().id, two.body().id)
    assert.lengthOf(await Invoice.all(), 1)
  })

  test('it lists and reads the invoices and payments of its services only, in cents; the finance service sees them all', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const canteen = await canteenInvoice(resident)
    const hall = await Invoice.create({
      number: 'FAC-2026-999999',
      payerUserId: null,
      payerName: 'Association',
      payerEmail: null,
      serviceSlug: 'accueil',
      label: 'Salle',
      amountCents: 10000,
      paidCents: 0,
      creditedCents: 0,
      dueOn: '2026-12-31',
      status: 'issued',
      source: null,
    })
    const payment = await Payment.create({
      invoiceId: canteen.id,
      provider: 'desk',
      refdet: 'DESK-1',
      operationId: null,
      amountCents: 1000,
      status: 'paid',
      method: 'cash',
      paidAt: clock.now(),
    })
    await Payment.create({
      invoiceId: hall.id,
      provider: 'desk',
      refdet: 'DESK-2',
      operationId: null,
      amountCents: 500,
      status: 'paid',
      method: 'card',
      paidAt: clock.now(),
    })
    const { token } = await vendor('Facturation', ['invoices:read', 'payments:read'], ['enfance'])
    const list = await client.get('/api/v1/invoices').bearerToken(token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((row: { id: number }) => row.id),
      [canteen.id]
    )
    assert.equal(list.body().data[0].amount_cents, 12 * 285 + 3 * 280)
    const read = await client.get(`/api/v1/invoices/${canteen.id}`).bearerToken(token)
    read.assertStatus(200)
    assert.lengthOf(read.body().lines, 2)
    assert.equal(read.body().payments[0].amount_cents, 1000)
    ;(await client.get(`/api/v1/invoices/${hall.id}`).bearerToken(token)).assertStatus(404)
    const payments = await client.get('/api/v1/payments').bearerToken(token)
    assert.deepEqual(
      payments.body().data.map((row: { id: number }) => row.id),
      [payment.id]
    )
    const write = await client
      .post('/api/v1/invoices')
      .bearerToken(token)
      .header('Idempotency-Key', 'k')
      .json(invoice)
    write.assertStatus(403)

    const finance = await vendor('Comptabilité', ['invoices:read', 'payments:read'], ['finances'])
    const all = await client.get('/api/v1/invoices?limit=1').bearerToken(finance.token)
    assert.deepEqual(
      all.body().data.map((row: { id: number }) => row.id),
      [hall.id]
    )
    const next = await client
      .get(`/api/v1/invoices?limit=1&cursor=${all.body().next_cursor}`)
      .bearerToken(finance.token)
    assert.deepEqual(
      next.body().data.map((row: { id: number }) => row.id),
      [canteen.id]
    )
    assert.isNull(next.body().next_cursor)
    const allPayments = await client.get('/api/v1/payments').bearerToken(finance.token)
    assert.lengthOf(allPayments.body().data, 2)
  })
})
