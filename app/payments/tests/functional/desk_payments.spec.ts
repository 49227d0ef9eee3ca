import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { recordDeskPayment, DeskPaymentRefused } from '#payments/actions/record_desk_payment'
import { Worker } from '#jobs/worker'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

const RECORD = 'payments.desk.record'

/** A cashier of the finance service allowed to record desk payments. */
function cashier() {
  return createAgent({ services: ['finances'], permissions: [RECORD] })
}

async function receiptJobs() {
  return db.from('jobs').where('name', 'payment_receipt').count('* as total').first()
}

test.group('Payments: recording a payment at the desk', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    mailbox.clear()
  })

  test('a cashier records the whole amount in cash: the invoice is paid, audited and the receipt mailed', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'famille@example.org' })
    const invoice = await canteenInvoice(user)
    const agent = await cashier()
    const response = await client
      .post(`/agents/paiements/factures/${invoice.id}/paiements`)
      .form({ method: 'cash', amount: '42,60', paidOn: '2026-12-07', receiptNumber: 'R-0001' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', `/agents/paiements/factures/${invoice.id}`)
    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
    assert.equal(invoice.paidCents, 4260)
    const payment = await Payment.query().where('invoiceId', invoice.id).firstOrFail()
    assert.containsSubset(payment.serialize(), {
      provider: 'desk',
      method: 'cash',
      receiptNumber: 'R-0001',
      status: 'paid',
      amountCents: 4260,
      recordedByAgentId: agent.id,
    })
    const audit = await db.from('audit_entries').where('action', 'payment.recorded').first()
    assert.equal(audit.agent_id, agent.id)
    assert.include(audit.detail, invoice.number)
    await new Worker().drain()
    await mailbox.waitFor('famille@example.org', /Reçu de paiement/)
  })

  test('a cheque pays part of an invoice (date typed the French way), then a second cheque pays the rest', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const agent = await cashier()
    const pay = (amount: string, receiptNumber: string) =>
      client
        .post(`/agents/paiements/factures/${invoice.id}/paiements`)
        .form({
          method: 'cheque',
          amount,
          paidOn: '05/12/2026',
          receiptNumber,
          chequeNumber: '1234567',
          chequeBank: 'Banque Postale',
        })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    ;(await pay('20,00', 'C-1')).assertStatus(303)
    await invoice.refresh()
    assert.equal(invoice.status, 'partly_paid')
    assert.equal(invoice.dueCents, 2260)
    ;(await pay('22,6', 'C-2')).assertStatus(303)
    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
    const payments = await Payment.query().where('invoiceId', invoice.id).orderBy('id')
    assert.deepEqual(
      payments.map((payment) => [payment.amountCents, payment.chequeBank, payment.receiptNumber]),
      [
        [2000, 'Banque Postale', 'C-1'],
        [2260, 'Banque Postale', 'C-2'],
      ]
    )
    assert.equal(payments[0].paidAt!.setZone('Europe/Paris').toISODate(), '2026-12-05')
  })

  test('more than what is still due is refused next to the amount, and nothing is written', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const response = await client
      .post(`/agents/paiements/factures/${invoice.id}/paiements`)
      .form({ method: 'card', amount: '42,61', paidOn: '2026-12-07', receiptNumber: 'T-9' })
      .withGuard('agent')
      .loginAs(await cashier())
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).amount, [
      'Le montant dépasse le reste à payer de la facture',
    ])
    await invoice.refresh()
    assert.equal(invoice.paidCents, 0)
    assert.lengthOf(await Payment.all(), 0)
  })

  test('a paid invoice no longer offers the form and refuses another payment', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const agent = await cashier()
    await recordDeskPayment(agent, invoice.id, {
      method: 'card',
      amountCents: 4260,
      paidOn: '2026-12-07',
      receiptNumber: 'T-1',
    })
    const page = await client
      .get(`/agents/paiements/factures/${invoice.id}`)
      .withGuard('agent')
      .loginAs(agent)
    assert.include(page.text(), 'T-1')
    assert.notInclude(page.text(), 'Enregistrer un paiement au guichet')
    const response = await client
      .post(`/agents/paiements/factures/${invoice.id}/paiements`)
      .form({ method: 'cash', amount: '0,01', paidOn: '2026-12-07', receiptNumber: 'R-5' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).amount, ['Cette facture n’a plus rien à payer'])
    assert.lengthOf(await Payment.all(), 1)
  })

  test('the form says in French what is wrong: amount format, future date, missing receipt and cheque details', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const response = await client
      .post(`/agents/paiements/factures/${invoice.id}/paiements`)
      .form({ method: 'cheque', amount: '12,5€', paidOn: '2026-12-08', receiptNumber: '' })
      .withGuard('agent')
      .loginAs(await cashier())
      .withCsrfToken()
      .redirects(0)
    const errors = inputErrors(response)
    assert.deepEqual(errors.amount, ['Saisissez un montant en euros, par exemple 12,50'])
    assert.deepEqual(errors.paidOn, ['La date « Date du paiement » ne peut pas être dans le futur'])
    assert.deepEqual(errors.receiptNumber, ['Renseignez le champ « Numéro de reçu »'])
    assert.deepEqual(errors.chequeNumber, ['Renseignez le champ « Numéro du chèque »'])
    assert.deepEqual(errors.chequeBank, ['Renseignez le champ « Banque »'])
    const zero = await client
      .post(`/agents/paiements/factures/${invoice.id}/paiements`)
      .form({ method: 'cash', amount: '0,00', paidOn: '2026-12-07', receiptNumber: 'R-2' })
      .withGuard('agent')
      .loginAs(await cashier())
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(zero).amount, ['Le montant doit être supérieur à 0'])
    assert.lengthOf(await Payment.all(), 0)
  })

  test('a receipt number already used for the same method is refused; another method may reuse it', async ({
    client,
    assert,
  }) => {
    const first = await canteenInvoice(await createResident())
    const second = await canteenInvoice(await createResident())
    const agent = await cashier()
    const pay = (invoice: Invoice, method: string) =>
      client
        .post(`/agents/paiements/factures/${invoice.id}/paiements`)
        .form({ method, amount: '10', paidOn: '2026-12-07', receiptNumber: 'R-77' })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    ;(await pay(first, 'cash')).assertStatus(303)
    const again = await pay(second, 'cash')
    assert.deepEqual(inputErrors(again).receiptNumber, [
      'Ce numéro de reçu est déjà utilisé pour ce moyen de paiement',
    ])
    await second.refresh()
    assert.equal(second.paidCents, 0)
    ;(await pay(second, 'card')).assertStatus(303)
    assert.lengthOf(await Payment.all(), 2)
  })

  test('an agent without the permission, or of another service, cannot record a payment and nothing is written', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const withoutPermission = await createAgent({ services: ['finances'] })
    const otherService = await createAgent({ services: ['etat_civil'], permissions: [RECORD] })
    for (const agent of [withoutPermission, otherService]) {
      const response = await client
        .post(`/agents/paiements/factures/${invoice.id}/paiements`)
        .form({ method: 'cash', amount: '42,60', paidOn: '2026-12-07', receiptNumber: 'R-1' })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(404)
    }
    const page = await client
      .get(`/agents/paiements/factures/${invoice.id}`)
      .withGuard('agent')
      .loginAs(withoutPermission)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Enregistrer un paiement au guichet')
    await invoice.refresh()
    assert.equal(invoice.paidCents, 0)
    assert.lengthOf(await Payment.all(), 0)
    assert.equal(Number((await receiptJobs())!.total), 0)
    assert.lengthOf(await db.from('audit_entries'), 0)
  })

  test('two agents paying the whole invoice at the same time: one payment is taken, the other refused', async ({
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const [one, two] = [await cashier(), await cashier()]
    const input = { method: 'cash' as const, amountCents: 4260, paidOn: '2026-12-07' }
    const results = await Promise.allSettled([
      recordDeskPayment(one, invoice.id, { ...input, receiptNumber: 'A-1' }),
      recordDeskPayment(two, invoice.id, { ...input, receiptNumber: 'B-1' }),
    ])
    assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected'])
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
    assert.instanceOf(refused.reason, DeskPaymentRefused)
    await invoice.refresh()
    assert.equal(invoice.paidCents, 4260)
    assert.equal(invoice.status, 'paid')
    assert.lengthOf(await Payment.all(), 1)
  })

  test('the resident sees what is paid and still due, with each payment’s method and receipt number', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    await recordDeskPayment(await cashier(), invoice.id, {
      method: 'cheque',
      amountCents: 2000,
      paidOn: '2026-12-07',
      receiptNumber: 'C-42',
      chequeNumber: '998877',
      chequeBank: 'Crédit Mutuel',
    })
    const list = await client.get('/mon-espace/factures').loginAs(user)
    assert.include(list.text(), 'Payée en partie')
    assert.include(list.text(), '20,00 €')
    assert.include(list.text(), '22,60 €')
    const page = await client.get(`/mon-espace/factures/${invoice.id}`).loginAs(user)
    assert.include(page.text(), 'Chèque')
    assert.include(page.text(), 'reçu n° C-42')
    const payment = await Payment.findByOrFail('receiptNumber', 'C-42')
    const pdf = await client
      .get(`/mon-espace/factures/${invoice.id}/paiements/${payment.id}/recu.pdf`)
      .loginAs(user)
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
  })
})
