import { test } from '@japa/runner'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { startPayment } from '#payments/actions/start_payment'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { PayfipClient } from '#payments/providers/payfip_client'
import { usePayfip } from '#payments/providers/index'
import { startPayfipSimulator, type PayfipSimulator } from '#payments/providers/payfip_simulator'
import { Worker } from '#jobs/worker'
import { enqueue } from '#jobs/enqueue'
import { Scheduler } from '#jobs/scheduler'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

let payfip: PayfipSimulator

async function paid(invoice: Invoice) {
  await invoice.refresh()
  return (await Payment.query().where('invoiceId', invoice.id).where('status', 'paid')).length
}

test.group('Payments: reconciliation with PayFiP', (group) => {
  group.setup(async () => {
    payfip = await startPayfipSimulator()
    usePayfip(
      new PayfipClient({
        serviceUrl: payfip.serviceUrl,
        paymentPageUrl: payfip.paymentPageUrl,
        numcli: '000000',
        saisie: 'T',
      })
    )
    return async () => {
      usePayfip(null)
      await payfip.stop()
    }
  })
  group.each.setup(() => {
    payfip.notify = true
    mailbox.clear()
  })

  test('an invoice is numbered, totals its lines in cents, and is issued once per source', async ({
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user, { source: 'cantine:2026-11:1' })
    assert.match(invoice.number, /^FAC-\d{4}-\d{6}$/)
    assert.equal(invoice.amountCents, 12 * 285 + 3 * 280)
    const again = await canteenInvoice(user, { source: 'cantine:2026-11:1' })
    assert.equal(again.id, invoice.id)
  })

  test('the notification sent twice records the payment once', async ({ client, assert }) => {
    const user = await createResident({ email: 'payeur@example.org' })
    const invoice = await canteenInvoice(user)
    const { payment } = await startPayment(invoice, user.email)
    await payfip.settle(payment.operationId!, 'P')
    const again = await client.post('/paiement/notification').form({ idOp: payment.operationId! })
    again.assertStatus(200)
    await client.get(`/paiement/notification?idop=${payment.operationId}`)
    assert.equal(await paid(invoice), 1)
    assert.equal(invoice.status, 'paid')
    assert.equal(invoice.paidCents, invoice.amountCents)
    await mailbox.waitFor('payeur@example.org', /Reçu de paiement/)
    await new Worker().drain()
    assert.lengthOf(
      mailbox.for('payeur@example.org').filter((mail) => /Reçu/.test(mail.subject ?? '')),
      1
    )
  })

  test('the return before the notification, and the notification after it: one payment', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    const { payment } = await startPayment(invoice, user.email)
    await payfip.settle(payment.operationId!, 'P', { notify: false })
    const back = await client.get(`/paiement/retour?idop=${payment.operationId}`)
    back.assertStatus(200)
    back.assertTextIncludes('Paiement reçu')
    await client.post('/paiement/notification').form({ idOp: payment.operationId! })
    assert.equal(await paid(invoice), 1)
    assert.equal(invoice.paidCents, invoice.amountCents)
  })

  test('the notification without any return records the payment', async ({ assert }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    const { payment } = await startPayment(invoice, user.email)
    await payfip.settle(payment.operationId!, 'V')
    assert.isAbove(
      payfip.notifications.filter(
        (entry) => entry.idOp === payment.operationId && entry.status === 200
      ).length,
      0
    )
    assert.equal(await paid(invoice), 1)
  })

  test('neither call came: the periodic check records it; an operation never finished expires after 20 minutes', async ({
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    const first = await startPayment(invoice, user.email)
    await payfip.settle(first.payment.operationId!, 'P', { notify: false })
    const other = await canteenInvoice(user)
    const second = await startPayment(other, user.email)
    const later = clock.now().plus({ minutes: 30 })
    await enqueue('payments_check', {}, { runAt: later })
    await new Worker().drain(later.plus({ seconds: 1 }))
    assert.equal(await paid(invoice), 1)
    await second.payment.refresh()
    assert.equal(second.payment.status, 'expired')
  })

  test('a tampered amount is refused: nothing credited, the payment flagged for an agent', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    const { payment } = await startPayment(invoice, user.email)
    payfip.tamper(payment.operationId!, 100)
    await payfip.settle(payment.operationId!, 'P')
    await payment.refresh()
    assert.equal(payment.status, 'mismatch')
    assert.match(payment.flag!, /montant 100 au lieu de 4260/)
    await invoice.refresh()
    assert.equal(invoice.paidCents, 0)
    assert.equal(invoice.status, 'issued')
    const agent = await createAgent({ services: ['enfance'] })
    const list = await client
      .get('/agents/paiements/encaissements?statut=mismatch')
      .withGuard('agent')
      .loginAs(agent)
    list.assertTextIncludes(payment.refdet)
    const page = await client
      .get(`/agents/paiements/encaissements/${payment.id}`)
      .withGuard('agent')
      .loginAs(agent)
    page.assertTextIncludes('montant 100 au lieu de 4260')
  })

  test('a refused card leaves the invoice to pay; the notification URL only names the operation', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    const { payment } = await startPayment(invoice, user.email)
    // A forged "paid" in the request changes nothing: the result is read back from PayFiP.
    await client
      .post('/paiement/notification')
      .form({ idOp: payment.operationId!, resultrans: 'P', montant: '4260' })
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    await payfip.settle(payment.operationId!, 'R')
    await payment.refresh()
    assert.equal(payment.status, 'refused')
    await invoice.refresh()
    assert.equal(invoice.status, 'issued')
    ;(await client.post('/paiement/notification').form({ idOp: 'inconnu' })).assertStatus(404)
  })

  test('resident B cannot see, download or pay resident A’s invoice; an agent of another service does not see it', async ({
    client,
    assert,
  }) => {
    const alice = await createResident()
    const bob = await createResident()
    const invoice = await canteenInvoice(alice)
    for (const url of [
      `/mon-espace/factures/${invoice.id}`,
      `/mon-espace/factures/${invoice.id}/facture.pdf`,
    ]) {
      assert.equal((await client.get(url).withGuard('web').loginAs(bob)).status(), 404, url)
    }
    ;(
      await client
        .post(`/mon-espace/factures/${invoice.id}/payer`)
        .withGuard('web')
        .loginAs(bob)
        .withCsrfToken()
    ).assertStatus(404)
    assert.lengthOf(await Payment.all(), 0)
    const list = await client.get('/mon-espace/factures').withGuard('web').loginAs(bob)
    assert.notInclude(list.text(), invoice.number)
    const police = await createAgent({ services: ['tranquillite_publique'] })
    const agents = await client
      .get('/agents/paiements?filtre=all')
      .withGuard('agent')
      .loginAs(police)
    assert.notInclude(agents.text(), invoice.number)
    const finance = await createAgent({ services: ['finances'] })
    const all = await client.get('/agents/paiements?filtre=all').withGuard('agent').loginAs(finance)
    all.assertTextIncludes(invoice.number)
  })

  test('an invoice unpaid 15 days after its due date gets one reminder', async ({ assert }) => {
    const user = await createResident({ email: 'retard@example.org' })
    const late = await canteenInvoice(user, { dueOn: clock.now().minus({ days: 16 }).toISODate()! })
    await canteenInvoice(user, { dueOn: clock.now().minus({ days: 10 }).toISODate()! })
    // Two days of the payments manifest's 'daily 08:00' schedule.
    const scheduler = new Scheduler()
    await scheduler.tick()
    await new Worker().drain()
    const tomorrow = clock.now().plus({ days: 1, hours: 12 })
    assert.include(
      (await scheduler.tick(tomorrow)).map((job) => job.name),
      'invoice_reminders'
    )
    await new Worker().drain(tomorrow)
    const reminders = mailbox
      .for('retard@example.org')
      .filter((mail) => /Rappel/.test(mail.subject ?? ''))
    assert.lengthOf(reminders, 1)
    assert.include(reminders[0].subject!, late.number)
  })

  test('the invoice PDF carries its number', async ({ client, assert }) => {
    const user = await createResident()
    const invoice = await issueInvoice({
      payer: { userId: user.id, name: user.fullName, email: user.email },
      serviceSlug: 'enfance',
      label: 'Centre de loisirs',
      dueOn: '2026-12-31',
      lines: [{ label: 'Semaine du 21 décembre', quantity: 1, unitCents: 6400 }],
    })
    const pdf = await client
      .get(`/mon-espace/factures/${invoice.id}/facture.pdf`)
      .withGuard('web')
      .loginAs(user)
    pdf.assertStatus(200)
    const bytes: Buffer = pdf.body()
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
    assert.include(bytes.toString('latin1'), invoice.number)
  })
})
