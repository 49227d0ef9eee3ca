import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { recordDeskPayment } from '#payments/actions/record_desk_payment'
import { issueCreditNote, cancelInvoice } from '#payments/actions/correct_invoice'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { inputErrors } from '#tests/support/http'
import { clock } from '#core/clock'

function csvLines(text: string) {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
}

test.group('Payments: accounting export per period', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('payments received in the period, in the city’s days, go to the finance software with decimal commas', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({
      services: ['finances'],
      permissions: ['payments.desk.record', 'payments.invoices.correct'],
    })
    clock.travelTo('2026-11-30T23:30:00+01:00', { freeze: true })
    const november = await canteenInvoice(await createResident({ lastName: 'Martin' }))
    await recordDeskPayment(agent, november.id, {
      method: 'cash',
      amountCents: 4260,
      paidOn: '2026-11-30',
      receiptNumber: 'R-NOV',
    })
    clock.travelTo('2026-12-01T00:30:00+01:00', { freeze: true })
    const december = await canteenInvoice(await createResident({ lastName: 'Bernard' }))
    await recordDeskPayment(agent, december.id, {
      method: 'cheque',
      amountCents: 1250,
      paidOn: '2026-12-01',
      receiptNumber: 'C-DEC',
      chequeNumber: '123',
      chequeBank: 'Banque Postale',
    })
    const response = await client
      .get(
        '/agents/paiements/comptabilite/export.csv?content=payments&from=2026-12-01&to=2026-12-31'
      )
      .withGuard('agent')
      .loginAs(agent)
    response.assertStatus(200)
    assert.match(
      response.header('content-disposition')!,
      /filename="comptabilite-encaissements-2026-12-01-2026-12-31-/
    )
    const lines = csvLines(response.text())
    assert.lengthOf(lines, 2)
    assert.equal(lines[0].split(';')[0], 'Date d’encaissement')
    assert.equal(
      lines[1],
      `01/12/2026;${december.number};${december.payerName};enfance;Chèque;12,5;C-DEC;desk-cheque-C-DEC;`
    )
    const [audit] = await db.from('audit_entries').where('action', 'list.exported')
    assert.equal(Number(audit.row_count), 1)
    assert.include(audit.detail, 'du 2026-12-01 au 2026-12-31')
  })

  test('invoices issued in the period carry their credit notes, payments, what is due and cancellations', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    const agent = await createAgent({
      services: ['finances'],
      permissions: ['payments.invoices.correct'],
    })
    const credited = await canteenInvoice(await createResident())
    await issueCreditNote(agent, credited.id, { amountCents: 260, reason: 'Repas non servi' })
    const cancelled = await canteenInvoice(await createResident())
    await cancelInvoice(agent, cancelled.id, 'Doublon')
    const response = await client
      .get(
        '/agents/paiements/comptabilite/export.csv?content=invoices&from=2026-12-07&to=2026-12-07'
      )
      .withGuard('agent')
      .loginAs(agent)
    const lines = csvLines(response.text())
    assert.lengthOf(lines, 3)
    assert.match(
      lines[1],
      new RegExp(`^${credited.number};07/12/2026;.*;42,6;2,6;0;40;27/12/2026;À payer;$`)
    )
    assert.match(
      lines[2],
      new RegExp(`^${cancelled.number};07/12/2026;.*;42,6;0;0;0;27/12/2026;Annulée;Doublon$`)
    )
  })

  test('an agent of another service exports none of these rows; a period backwards is refused next to its field', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    await canteenInvoice(await createResident())
    const other = await createAgent({ services: ['culture'] })
    const response = await client
      .get(
        '/agents/paiements/comptabilite/export.csv?content=invoices&from=2026-12-01&to=2026-12-31'
      )
      .withGuard('agent')
      .loginAs(other)
    assert.lengthOf(csvLines(response.text()), 1)
    const form = await client
      .get('/agents/paiements/comptabilite')
      .withGuard('agent')
      .loginAs(other)
    form.assertStatus(200)
    form.assertTextIncludes('value="2026-11-01"')
    const backwards = await client
      .get(
        '/agents/paiements/comptabilite/export.csv?content=payments&from=2026-12-31&to=2026-12-01'
      )
      .header('referer', '/agents/paiements/comptabilite')
      .withGuard('agent')
      .loginAs(other)
      .redirects(0)
    assert.deepEqual(inputErrors(backwards).to, ['La date de fin doit suivre la date de début'])
  })

  test('the resident’s invoices page shows what is paid, partly paid and due, with each receipt', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    const user = await createResident()
    const agent = await createAgent({
      services: ['finances'],
      permissions: ['payments.desk.record'],
    })
    const paid = await canteenInvoice(user)
    const partly = await canteenInvoice(user)
    const due = await canteenInvoice(user)
    await recordDeskPayment(agent, paid.id, {
      method: 'card',
      amountCents: 4260,
      paidOn: '2026-12-05',
      receiptNumber: 'T-42',
    })
    await recordDeskPayment(agent, partly.id, {
      method: 'cash',
      amountCents: 2000,
      paidOn: '2026-12-07',
      receiptNumber: 'E-7',
    })
    const page = await client.get('/mon-espace/factures').loginAs(user)
    const text = page.text()
    assert.include(text, 'Reste à payer : 65,20')
    for (const [invoice, status] of [
      [paid, 'Payée'],
      [partly, 'Payée en partie'],
      [due, 'À payer'],
    ] as const)
      assert.match(text, new RegExp(`${invoice.number}[\\s\\S]*?${status}`))
    assert.match(text, /05\/12\/2026[\s\S]*?Carte bancaire au terminal[\s\S]*?T-42/)
    assert.match(text, /07\/12\/2026[\s\S]*?Espèces[\s\S]*?E-7/)
    assert.include(text, `/mon-espace/factures/${paid.id}/paiements/`)
  })
})
