import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { inputErrors } from '#tests/support/http'
import { clock } from '#core/clock'

const RESOLVE = 'payments.mismatch.resolve'

/** An online payment whose PayFiP result did not match the request, as reconciliation flags it. */
function flagged(invoice: Invoice, amountCents = 4260, refdet = `REF${invoice.id}X`) {
  return Payment.create({
    invoiceId: invoice.id,
    provider: 'payfip',
    refdet,
    operationId: `op-${refdet}`,
    amountCents,
    status: 'mismatch',
    flag: 'Résultat PayFiP différent de la demande : numcli 999999',
    paidAt: clock.now(),
  })
}

function resolver() {
  return createAgent({ services: ['finances'], permissions: [RESOLVE] })
}

test.group('Payments: resolving a flagged payment', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('crediting a flagged payment pays the invoice, mails the receipt and leaves the list to check', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const payment = await flagged(invoice)
    const agent = await resolver()
    const before = await client
      .get('/agents/paiements/encaissements?statut=mismatch')
      .withGuard('agent')
      .loginAs(agent)
    before.assertTextIncludes(payment.refdet)
    const response = await client
      .post(`/agents/paiements/encaissements/${payment.id}/decision`)
      .form({ resolution: 'credited', comment: 'Virement retrouvé sur le relevé de la régie' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', `/agents/paiements/encaissements/${payment.id}`)
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.equal(payment.resolution, 'credited')
    assert.equal(payment.resolvedByAgentId, agent.id)
    assert.equal(payment.resolutionComment, 'Virement retrouvé sur le relevé de la régie')
    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
    assert.equal(invoice.paidCents, 4260)
    const jobs = await db.from('jobs').where('name', 'payment_receipt')
    assert.lengthOf(jobs, 1)
    const [audit] = await db.from('audit_entries').where('action', 'payment.resolved')
    assert.include(audit.detail, invoice.number)
    const after = await client
      .get('/agents/paiements/encaissements?statut=mismatch')
      .withGuard('agent')
      .loginAs(agent)
    assert.notInclude(after.text(), payment.refdet)
  })

  test('refunding or dismissing leaves the invoice to pay and keeps the comment', async ({
    client,
    assert,
  }) => {
    const agent = await resolver()
    for (const resolution of ['refunded', 'dismissed'] as const) {
      const invoice = await canteenInvoice(await createResident())
      const payment = await flagged(invoice)
      const response = await client
        .post(`/agents/paiements/encaissements/${payment.id}/decision`)
        .form({ resolution, comment: 'Montant versé par erreur, vu avec la trésorerie' })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(303)
      await payment.refresh()
      assert.equal(payment.status, resolution)
      assert.equal(payment.resolution, resolution)
      await invoice.refresh()
      assert.equal(invoice.status, 'issued')
      assert.equal(invoice.paidCents, 0)
      const page = await client
        .get(`/agents/paiements/encaissements/${payment.id}`)
        .withGuard('agent')
        .loginAs(agent)
      page.assertTextIncludes('Montant versé par erreur, vu avec la trésorerie')
      assert.notInclude(page.text(), 'Enregistrer la décision')
    }
    assert.lengthOf(await db.from('jobs').where('name', 'payment_receipt'), 0)
  })

  test('a decision needs a comment; a payment already resolved, or more than is due, is refused', async ({
    client,
    assert,
  }) => {
    const agent = await resolver()
    const invoice = await canteenInvoice(await createResident())
    const payment = await flagged(invoice, 5000)
    const post = (form: Record<string, string>) =>
      client
        .post(`/agents/paiements/encaissements/${payment.id}/decision`)
        .form(form)
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    const empty = await post({ resolution: 'dismissed', comment: '' })
    assert.deepEqual(inputErrors(empty).comment, ['Renseignez le champ « Commentaire »'])
    const unknown = await post({ resolution: 'forget', comment: 'Pas vu' })
    assert.deepEqual(inputErrors(unknown).resolution, [
      'Choisissez une des valeurs proposées pour « Décision »',
    ])
    const tooMuch = await post({ resolution: 'credited', comment: 'Reçu en trop' })
    assert.deepEqual(inputErrors(tooMuch).resolution, [
      'Ce paiement dépasse le reste à payer de la facture : remboursez-le ou émettez un avoir d’abord',
    ])
    await payment.refresh()
    assert.equal(payment.status, 'mismatch')
    ;(await post({ resolution: 'refunded', comment: 'Remboursé par la trésorerie' })).assertStatus(
      303
    )
    const again = await post({ resolution: 'dismissed', comment: 'Deuxième décision' })
    assert.deepEqual(inputErrors(again).resolution, ['Ce paiement a déjà été traité'])
    await payment.refresh()
    assert.equal(payment.resolution, 'refunded')
    assert.lengthOf(await db.from('audit_entries').where('action', 'payment.resolved'), 1)
  })

  test('an agent without the permission or of another service cannot decide', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const payment = await flagged(invoice)
    const withoutPermission = await createAgent({ services: ['finances'] })
    const otherService = await createAgent({ services: ['etat_civil'], permissions: [RESOLVE] })
    for (const agent of [withoutPermission, otherService]) {
      const response = await client
        .post(`/agents/paiements/encaissements/${payment.id}/decision`)
        .form({ resolution: 'dismissed', comment: 'Rien reçu' })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(404)
    }
    ;(
      await client
        .get(`/agents/paiements/encaissements/${payment.id}`)
        .withGuard('agent')
        .loginAs(otherService)
    ).assertStatus(404)
    await payment.refresh()
    assert.equal(payment.status, 'mismatch')
  })
})
