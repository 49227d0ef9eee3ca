import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import BookAppointment from '#appointments/actions/book_appointment'
import { cancelAppointment, moveAppointment } from '#appointments/actions/change_appointment'
import Appointment from '#appointments/models/appointment'
import { issueInvoice } from '#payments/actions/issue_invoice'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { createAgenda, firstFreeSlot, applicant } from '#tests/support/factories/appointments'
import {
  ISO_WITH_OFFSET,
  deliverPending,
  subscribedReceiver,
} from '#api/tests/support/subscribed_receiver'
import { clock } from '#core/clock'

const APPOINTMENT_EVENTS = [
  'appointment.booked',
  'appointment.moved',
  'appointment.cancelled',
  'appointment.closed',
]
const MONEY_EVENTS = ['invoice.issued', 'payment.succeeded']

async function book(point: { id: number }, type: { id: number }, start: any) {
  return new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: type.id,
    start,
    persons: 1,
    applicant,
  })
}

async function deliveriesOf(endpointId: number) {
  return WebhookDelivery.query().where('webhookEndpointId', endpointId)
}

test.group('Business events of appointments and payments, for the business software', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-03-02T09:00:00+01:00')
    return () => {
      clock.reset()
    }
  })

  test('a software of the état-civil hears of its appointments booked, moved and cancelled; one of another service hears nothing', async ({
    assert,
  }) => {
    const civil = await subscribedReceiver('Logiciel de l’état civil', {
      events: APPOINTMENT_EVENTS,
      scopes: ['appointments:read'],
      services: ['etat_civil'],
    })
    const other = await subscribedReceiver('Logiciel de l’accueil', {
      events: APPOINTMENT_EVENTS,
      scopes: ['appointments:read'],
      services: ['accueil'],
    })
    try {
      const { point, type } = await createAgenda({ service: 'etat_civil' })
      const slot = await firstFreeSlot(point, type)
      const booked = await book(point, type, slot.start)
      const later = await firstFreeSlot(point, type, 1, 5)
      await moveAppointment(booked.id, { meetingPointId: point.id, start: later.start })
      await cancelAppointment(booked.id, 'resident')

      const events = await civil.events()
      assert.deepEqual(
        events.map((event) => event.type),
        ['appointment.booked', 'appointment.moved', 'appointment.cancelled']
      )
      for (const event of events) {
        assert.equal(event.data.appointment_id, booked.id)
        assert.equal(event.data.service, 'etat_civil')
        assert.match(event.data.starts_at as string, ISO_WITH_OFFSET)
        assert.match(event.timestamp, ISO_WITH_OFFSET)
      }
      assert.equal(
        Date.parse(events[1].data.starts_at as string),
        later.start.toMillis(),
        'moved to the new time'
      )
      assert.equal(
        Date.parse((events[1].data.previous as { starts_at: string }).starts_at),
        slot.start.toMillis()
      )
      assert.equal(events[2].data.cancelled_by, 'resident')
      assert.match(events[2].data.cancelled_at as string, ISO_WITH_OFFSET)

      assert.lengthOf(await deliveriesOf(other.endpoint.id), 0)
      assert.lengthOf(await other.events(), 0)
    } finally {
      await civil.close()
      await other.close()
    }
  })

  test('a booking rolled back (its slot taken meanwhile) and an invoice rolled back publish nothing', async ({
    assert,
  }) => {
    const billing = await subscribedReceiver('Logiciel de facturation', {
      events: [...MONEY_EVENTS, ...APPOINTMENT_EVENTS],
      scopes: ['invoices:read', 'payments:read', 'appointments:read'],
      services: ['accueil', 'etat_civil'],
    })
    try {
      await assert.rejects(() =>
        db.transaction(async (trx) => {
          await issueInvoice(
            {
              payer: { userId: null, name: 'Association des parents', email: null },
              serviceSlug: 'accueil',
              label: 'Salle des fêtes',
              dueOn: '2026-04-01',
              lines: [{ label: 'Location', quantity: 1, unitCents: 25000 }],
            },
            trx
          )
          assert.lengthOf(
            await WebhookDelivery.query({ client: trx }),
            1,
            'written in the transaction'
          )
          throw new Error('the change fails after the event was written')
        })
      )
      assert.lengthOf(await Invoice.query().where('label', 'Salle des fêtes'), 0)

      // Two residents race for the last place: the second booking rolls back, with its event.
      const { point, type } = await createAgenda({ service: 'etat_civil' })
      const slot = await firstFreeSlot(point, type)
      await book(point, type, slot.start)
      await assert.rejects(() => book(point, type, slot.start))
      assert.lengthOf(await Appointment.query().where('meetingPointId', point.id), 1)

      const events = await billing.events()
      assert.deepEqual(
        events.map((event) => event.type),
        ['appointment.booked']
      )
    } finally {
      await billing.close()
    }
  })

  test('the billing software issues an invoice and records the payment taken at its desk: sent twice with one key, it exists once and the invoice is paid; both are announced', async ({
    client,
    assert,
  }) => {
    const billing = await subscribedReceiver('Logiciel de facturation', {
      events: MONEY_EVENTS,
      scopes: ['invoices:read', 'invoices:write', 'payments:read', 'payments:write'],
      services: ['accueil'],
    })
    const other = await subscribedReceiver('Logiciel de l’état civil', {
      events: MONEY_EVENTS,
      scopes: ['invoices:read', 'payments:read'],
      services: ['etat_civil'],
    })
    try {
      const created = await client
        .post('/api/v1/invoices')
        .bearerToken(billing.token)
        .header('Idempotency-Key', 'facture-salle-1')
        .json({
          service: 'accueil',
          label: 'Location de la salle',
          due_on: '2026-04-15',
          payer: { name: 'Paul Dupont' },
          lines: [{ label: 'Location', quantity: 1, unit_cents: 25000 }],
        })
      created.assertStatus(201)
      const invoiceId = created.body().id

      const pay = () =>
        client
          .post(`/api/v1/invoices/${invoiceId}/payments`)
          .bearerToken(billing.token)
          .header('Idempotency-Key', 'paiement-guichet-1')
          .json({
            amount_cents: 25000,
            method: 'cheque',
            paid_at: '2026-03-02T08:30:00+01:00',
            receipt_number: 'R-42',
            cheque_number: '1234567',
            cheque_bank: 'La Banque Postale',
          })
      const first = await pay()
      first.assertStatus(201)
      const again = await pay()
      again.assertStatus(201)
      assert.equal(again.header('idempotent-replayed'), 'true')
      assert.deepEqual(again.body(), first.body())

      const payments = await Payment.query().where('invoiceId', invoiceId)
      assert.lengthOf(payments, 1)
      assert.equal(payments[0].amountCents, 25000)
      assert.equal(payments[0].provider, 'desk')
      assert.equal(payments[0].recordedBySoftware, 'Logiciel de facturation')
      assert.isNull(payments[0].recordedByAgentId)
      const invoice = await Invoice.findOrFail(invoiceId)
      assert.equal(invoice.status, 'paid')
      assert.equal(invoice.dueCents, 0)

      const events = await billing.events()
      assert.deepEqual(
        events.map((event) => event.type),
        ['invoice.issued', 'payment.succeeded']
      )
      assert.include(events[0].data, {
        invoice_id: invoiceId,
        amount_cents: 25000,
        service: 'accueil',
        due_on: '2026-04-15',
      })
      assert.match(events[0].data.issued_at as string, ISO_WITH_OFFSET)
      assert.include(events[1].data, {
        payment_id: payments[0].id,
        invoice_id: invoiceId,
        amount_cents: 25000,
        method: 'cheque',
        invoice_status: 'paid',
        invoice_due_cents: 0,
      })
      assert.equal(events[1].data.paid_at, '2026-03-02T08:30:00.000+01:00')

      assert.lengthOf(await deliveriesOf(other.endpoint.id), 0)

      // More than is due now: refused next to the field, nothing recorded.
      const tooMuch = await client
        .post(`/api/v1/invoices/${invoiceId}/payments`)
        .bearerToken(billing.token)
        .header('Idempotency-Key', 'paiement-guichet-2')
        .json({
          amount_cents: 100,
          method: 'cash',
          paid_at: '2026-03-02T08:45:00+01:00',
          receipt_number: 'R-43',
        })
      tooMuch.assertStatus(422)
      assert.equal(tooMuch.body().errors[0].field, 'amount_cents')
      // Another service's software does not see the invoice.
      const elsewhere = await client
        .post(`/api/v1/invoices/${invoiceId}/payments`)
        .bearerToken(other.token)
        .header('Idempotency-Key', 'paiement-guichet-3')
        .json({
          amount_cents: 100,
          method: 'cash',
          paid_at: '2026-03-02T08:45:00+01:00',
          receipt_number: 'R-44',
        })
      assert.oneOf(elsewhere.status(), [403, 404])
      assert.lengthOf(await Payment.query().where('invoiceId', invoiceId), 1)
      await deliverPending()
    } finally {
      await billing.close()
      await other.close()
    }
  })

  test('the civil-status software closes an appointment with If-Match: on the timeline as done by it, announced; a second close with the old ETag gets 412', async ({
    client,
    assert,
  }) => {
    const civil = await subscribedReceiver('Logiciel COMEDEC', {
      events: ['appointment.closed'],
      scopes: ['appointments:read', 'appointments:write'],
      services: ['etat_civil'],
    })
    const other = await subscribedReceiver('Logiciel de l’accueil', {
      events: ['appointment.closed'],
      scopes: ['appointments:read'],
      services: ['accueil'],
    })
    try {
      const { point, type } = await createAgenda({ service: 'etat_civil' })
      const booked = await book(point, type, (await firstFreeSlot(point, type)).start)
      const read = await client.get(`/api/v1/appointments/${booked.id}`).bearerToken(civil.token)
      read.assertStatus(200)
      const etag = read.header('etag') ?? ''

      const closed = await client
        .post(`/api/v1/appointments/${booked.id}/outcome`)
        .bearerToken(civil.token)
        .header('If-Match', etag)
        .json({ outcome: 'no_show' })
      closed.assertStatus(200)
      assert.equal(closed.body().status, 'no_show')
      assert.notEqual(closed.header('etag'), etag)

      const stale = await client
        .post(`/api/v1/appointments/${booked.id}/outcome`)
        .bearerToken(civil.token)
        .header('If-Match', etag)
        .json({ outcome: 'honoured' })
      stale.assertStatus(412)

      const saved = await Appointment.findOrFail(booked.id)
      assert.equal(saved.status, 'no_show')
      assert.deepEqual(saved.details.closedBy, { software: 'Logiciel COMEDEC' })

      const events = await civil.events()
      assert.deepEqual(
        events.map((event) => event.type),
        ['appointment.closed']
      )
      assert.include(events[0].data, {
        appointment_id: booked.id,
        outcome: 'no_show',
        closed_by: 'software',
        status: 'no_show',
      })
      assert.lengthOf(await deliveriesOf(other.endpoint.id), 0)

      // Junk outcome: 422, never 500.
      const junk = await client
        .post(`/api/v1/appointments/${booked.id}/outcome`)
        .bearerToken(civil.token)
        .header('If-Match', closed.header('etag') ?? '')
        .json({ outcome: 'maybe' })
      junk.assertStatus(422)
    } finally {
      await civil.close()
      await other.close()
    }
  })
})
