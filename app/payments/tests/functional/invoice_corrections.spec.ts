import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import CreditNote from '#payments/models/credit_note'
import { recordDeskPayment } from '#payments/actions/record_desk_payment'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { inputErrors } from '#tests/support/http'
import { clock } from '#core/clock'

const CORRECT = 'payments.invoices.correct'

/** An agent of the finance service allowed to cancel invoices and issue credit notes. */
function controller() {
  return createAgent({ services: ['finances'], permissions: [CORRECT, 'payments.desk.record'] })
}

async function auditOf(action: string) {
  return db.from('audit_entries').where('action', action).orderBy('id')
}

test.group('Payments: cancelling an invoice and issuing credit notes', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('an agent cancels an unpaid invoice with a reason: audited, and the resident reads why', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    const agent = await controller()
    const response = await client
      .post(`/agents/paiements/factures/${invoice.id}/annulation`)
      .form({ cancelReason: 'Facturée en double avec la facture de novembre' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', `/agents/paiements/factures/${invoice.id}`)
    await invoice.refresh()
    assert.equal(invoice.status, 'cancelled')
    assert.equal(invoice.cancelledByAgentId, agent.id)
    assert.equal(invoice.dueCents, 0, 'a cancelled invoice asks nothing any more')
    const [audit] = await auditOf('invoice.cancelled')
    assert.equal(audit.agent_id, agent.id)
    assert.include(audit.detail, invoice.number)
    const mine = await client.get(`/mon-espace/factures/${invoice.id}`).loginAs(user)
    mine.assertTextIncludes('Annulée')
    mine.assertTextIncludes('Facturée en double avec la facture de novembre')
    assert.notInclude(mine.text(), 'Payer 42,60')
    const list = await client.get('/mon-espace/factures').loginAs(user)
    list.assertTextIncludes(invoice.number)
    const pdf = await client.get(`/mon-espace/factures/${invoice.id}/facture.pdf`).loginAs(user)
    pdf.assertStatus(200)
    assert.equal((pdf.body() as Buffer).subarray(0, 5).toString(), '%PDF-')
  })

  test('an invoice with a payment cannot be cancelled, only credited; nothing is written by the refusal', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const agent = await controller()
    await recordDeskPayment(agent, invoice.id, {
      method: 'cash',
      amountCents: 4260,
      paidOn: '2026-12-07',
      receiptNumber: 'R-10',
    })
    const response = await client
      .post(`/agents/paiements/factures/${invoice.id}/annulation`)
      .form({ cancelReason: 'Erreur de tarif' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).cancelReason, [
      'Un paiement a été reçu pour cette facture : elle ne peut plus être annulée, seulement corrigée par un avoir.',
    ])
    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
    assert.lengthOf(await auditOf('invoice.cancelled'), 0)
    const page = await client
      .get(`/agents/paiements/factures/${invoice.id}`)
      .withGuard('agent')
      .loginAs(agent)
    assert.notInclude(
      page.text(),
      'action="/agents/paiements/factures/' + invoice.id + '/annulation"'
    )
    assert.include(page.text(), 'Émettre un avoir')
  })

  test('a credit note lowers what is due, with its number and reason shown to the resident', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const invoice = await canteenInvoice(user)
    const agent = await controller()
    const response = await client
      .post(`/agents/paiements/factures/${invoice.id}/avoirs`)
      .form({ creditAmount: '8,55', creditReason: 'Trois repas non servis (grève)' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    await invoice.refresh()
    assert.equal(invoice.creditedCents, 855)
    assert.equal(invoice.dueCents, 3405)
    assert.equal(invoice.status, 'issued')
    const note = await CreditNote.query().where('invoiceId', invoice.id).firstOrFail()
    assert.match(note.number, /^AV-2026-\d{6}$/)
    assert.equal(note.agentId, agent.id)
    const [audit] = await auditOf('invoice.credited')
    assert.include(audit.detail, note.number)
    const mine = await client.get(`/mon-espace/factures/${invoice.id}`).loginAs(user)
    mine.assertTextIncludes(note.number)
    mine.assertTextIncludes('Trois repas non servis (grève)')
    mine.assertTextIncludes('Payer 34,05')
  })

  test('a credit note covering the rest settles a partly paid invoice; a whole credit of an unpaid one settles it by credit note', async ({
    assert,
  }) => {
    const agent = await controller()
    const { issueCreditNote } = await import('#payments/actions/correct_invoice')
    const partly = await canteenInvoice(await createResident())
    await recordDeskPayment(agent, partly.id, {
      method: 'cash',
      amountCents: 4000,
      paidOn: '2026-12-07',
      receiptNumber: 'R-11',
    })
    await issueCreditNote(agent, partly.id, { amountCents: 260, reason: 'Arrondi accordé' })
    await partly.refresh()
    assert.equal(partly.status, 'paid')
    assert.equal(partly.dueCents, 0)
    const unpaid = await canteenInvoice(await createResident())
    await issueCreditNote(agent, unpaid.id, { amountCents: 4260, reason: 'Geste commercial' })
    await unpaid.refresh()
    assert.equal(unpaid.status, 'credited')
    assert.isFalse(unpaid.payable)
  })

  test('more than the invoice still asks, or a reason left empty, is refused next to its field and nothing is written', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const agent = await controller()
    const tooMuch = await client
      .post(`/agents/paiements/factures/${invoice.id}/avoirs`)
      .form({ creditAmount: '42,61', creditReason: 'Erreur' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(tooMuch).creditAmount, [
      'Le montant dépasse ce que la facture demande encore',
    ])
    const empty = await client
      .post(`/agents/paiements/factures/${invoice.id}/avoirs`)
      .form({ creditAmount: 'douze', creditReason: '' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    const errors = inputErrors(empty)
    assert.deepEqual(errors.creditAmount, ['Saisissez un montant en euros, par exemple 12,50'])
    assert.deepEqual(errors.creditReason, ['Renseignez le champ « Motif de l’avoir »'])
    assert.lengthOf(await CreditNote.all(), 0)
    await invoice.refresh()
    assert.equal(invoice.creditedCents, 0)
    assert.lengthOf(await auditOf('invoice.credited'), 0)
  })

  test('an agent without the permission, or of another service, gets a 404 and changes nothing', async ({
    client,
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const withoutPermission = await createAgent({ services: ['finances'] })
    const otherService = await createAgent({ services: ['etat_civil'], permissions: [CORRECT] })
    for (const agent of [withoutPermission, otherService]) {
      for (const [path, form] of [
        ['annulation', { cancelReason: 'Erreur de saisie' }],
        ['avoirs', { creditAmount: '1', creditReason: 'Erreur de saisie' }],
      ] as const) {
        const response = await client
          .post(`/agents/paiements/factures/${invoice.id}/${path}`)
          .form(form)
          .withGuard('agent')
          .loginAs(agent)
          .withCsrfToken()
          .redirects(0)
        response.assertStatus(404)
      }
    }
    const page = await client
      .get(`/agents/paiements/factures/${invoice.id}`)
      .withGuard('agent')
      .loginAs(withoutPermission)
    assert.notInclude(page.text(), 'Émettre un avoir')
    await invoice.refresh()
    assert.equal(invoice.status, 'issued')
    assert.equal(invoice.creditedCents, 0)
  })

  test('a failing write after the cancellation undoes it: the invoice and its audit entry are one transaction', async ({
    assert,
  }) => {
    const invoice = await canteenInvoice(await createResident())
    const agent = await controller()
    const { cancelInvoice } = await import('#payments/actions/correct_invoice')
    // The audit entry is written last; an agent id no row has breaks its foreign key.
    const original = agent.id
    agent.id = 2_000_000_000
    await assert.rejects(() => cancelInvoice(agent, invoice.id, 'Erreur de saisie'))
    agent.id = original
    await invoice.refresh()
    assert.equal(invoice.status, 'issued')
    assert.isNull(invoice.cancelReason)
  })
})
