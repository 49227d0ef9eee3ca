import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { PAGE_SIZE } from '#payments/queries/agent_payments'
import { createAgent } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'

/** `count` invoices of a service, numbered FAC-2026-9xxxxx, payers "Famille Dupont 1…", half of them paid online. */
async function invoicesOf(serviceSlug: string, count: number, payer = 'Famille Dupont') {
  const invoices = await Invoice.createMany(
    Array.from({ length: count }, (_, index) => ({
      number: `FAC-2026-${serviceSlug.slice(0, 2).toUpperCase()}${String(index + 1).padStart(4, '0')}`,
      payerUserId: null,
      payerName: `${payer} ${index + 1}`,
      payerEmail: null,
      serviceSlug,
      label: `Cantine ${index + 1}`,
      amountCents: 1000 + index,
      paidCents: index % 2 ? 1000 + index : 0,
      creditedCents: 0,
      dueOn: '2026-12-20',
      status: index % 2 ? ('paid' as const) : ('issued' as const),
    }))
  )
  await Payment.createMany(
    invoices
      .filter((invoice) => invoice.status === 'paid')
      .map((invoice) => ({
        invoiceId: invoice.id,
        provider: 'desk',
        refdet: `desk-cash-${invoice.number}`,
        amountCents: invoice.amountCents,
        status: 'paid' as const,
        method: 'cash' as const,
        receiptNumber: `R-${invoice.number}`,
        paidAt: clock.now(),
      }))
  )
  return invoices
}

function csvLines(text: string) {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
}

test.group('Payments: the agents’ lists of invoices and payments at real size', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('the invoices list pages by key, newest first, with nothing lost nor repeated, and audits each page with its row count', async ({
    client,
    assert,
  }) => {
    await invoicesOf('enfance', PAGE_SIZE + 7)
    const agent = await createAgent({ services: ['finances'] })
    const first = await client.get('/agents/paiements?filtre=all').withGuard('agent').loginAs(agent)
    first.assertStatus(200)
    const numbers = (html: string) => [...html.matchAll(/>(FAC-2026-EN\d{4})</g)].map((m) => m[1])
    const page1 = numbers(first.text())
    assert.lengthOf(page1, PAGE_SIZE)
    assert.equal(page1[0], 'FAC-2026-EN0057')
    const next = /href="(\/agents\/paiements\?[^"]*avant=\d+)"/.exec(first.text())![1]
    const second = await client.get(next.replace(/&amp;/g, '&')).withGuard('agent').loginAs(agent)
    const page2 = numbers(second.text())
    assert.lengthOf(page2, 7)
    assert.equal(page2[6], 'FAC-2026-EN0001')
    assert.lengthOf(new Set([...page1, ...page2]), PAGE_SIZE + 7)
    assert.notMatch(second.text(), /rel="next"/)
    const audits = await db.from('audit_entries').where('action', 'list.viewed').orderBy('id')
    assert.deepEqual(
      audits.map((entry) => Number(entry.row_count)),
      [PAGE_SIZE, 7]
    )
    assert.equal(audits[0].agent_id, agent.id)
  })

  test('the search finds invoices by reference or by payer’s name in any case, within the agent’s services only; a NUL byte is no error', async ({
    client,
    assert,
  }) => {
    await invoicesOf('enfance', 3, 'Famille Lefèvre')
    await invoicesOf('culture', 3, 'Famille Lefèvre')
    const enfance = await createAgent({ services: ['enfance'] })
    const byName = await client
      .get('/agents/paiements?filtre=all&q=lefèvre 2')
      .withGuard('agent')
      .loginAs(enfance)
    byName.assertTextIncludes('FAC-2026-EN0002')
    assert.notInclude(byName.text(), 'FAC-2026-EN0001')
    assert.notInclude(byName.text(), 'FAC-2026-CU0002')
    const byReference = await client
      .get('/agents/paiements?filtre=all&q=fac-2026-en0003')
      .withGuard('agent')
      .loginAs(enfance)
    byReference.assertTextIncludes('Famille Lefèvre 3')
    assert.notInclude(byReference.text(), 'Famille Lefèvre 2')
    const wildcard = await client
      .get('/agents/paiements?filtre=all&q=%25')
      .withGuard('agent')
      .loginAs(enfance)
    wildcard.assertTextIncludes('Aucune facture.')
    for (const path of ['/agents/paiements?q=', '/agents/paiements/encaissements?q=']) {
      const nul = await client
        .get(`${path}${encodeURIComponent('Lef\u0000èvre')}`)
        .withGuard('agent')
        .loginAs(enfance)
      nul.assertStatus(200)
    }
  })

  test('the invoices CSV holds exactly the filtered rows in the French spreadsheet format, audited with its count', async ({
    client,
    assert,
  }) => {
    await invoicesOf('enfance', 5)
    const agent = await createAgent({ services: ['enfance'] })
    const response = await client
      .get('/agents/paiements/export.csv?filtre=unpaid')
      .withGuard('agent')
      .loginAs(agent)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(response.header('content-disposition')!, /attachment; filename="factures-/)
    const lines = csvLines(response.text())
    assert.isTrue(response.text().startsWith('\uFEFF'))
    assert.equal(lines[0].split(';')[0], 'Numéro')
    assert.lengthOf(lines, 1 + 3)
    assert.include(
      lines[1],
      'FAC-2026-EN0001;Famille Dupont 1;Cantine 1;enfance;10;0;10;20/12/2026;À payer'
    )
    const [audit] = await db.from('audit_entries').where('action', 'list.exported')
    assert.equal(Number(audit.row_count), 3)
    assert.include(audit.detail, 'factures unpaid')
  })

  test('the payments list pages by key, searches by receipt number or payer, and exports what it shows, which the audit log lists', async ({
    client,
    assert,
  }) => {
    await invoicesOf('enfance', 2 * PAGE_SIZE + 4)
    const agent = await createAgent({ services: ['finances'] })
    const first = await client
      .get('/agents/paiements/encaissements')
      .withGuard('agent')
      .loginAs(agent)
    const receipts = (html: string) =>
      [...html.matchAll(/>R-(FAC-2026-EN\d{4})</g)].map((m) => m[1])
    assert.lengthOf(receipts(first.text()), PAGE_SIZE)
    const next = /href="(\/agents\/paiements\/encaissements\?[^"]*avant=\d+)"/.exec(
      first.text()
    )![1]
    const second = await client.get(next.replace(/&amp;/g, '&')).withGuard('agent').loginAs(agent)
    assert.lengthOf(receipts(second.text()), 2)
    const search = await client
      .get('/agents/paiements/encaissements?q=R-FAC-2026-EN0010')
      .withGuard('agent')
      .loginAs(agent)
    assert.deepEqual(receipts(search.text()), ['FAC-2026-EN0010'])
    const byInvoice = await client
      .get('/agents/paiements/encaissements?q=fac-2026-en0012')
      .withGuard('agent')
      .loginAs(agent)
    assert.deepEqual(receipts(byInvoice.text()), ['FAC-2026-EN0012'])
    const byPayer = await client
      .get('/agents/paiements/encaissements?q=DUPONT 10')
      .withGuard('agent')
      .loginAs(agent)
    assert.sameMembers(receipts(byPayer.text()), [
      'FAC-2026-EN0010',
      'FAC-2026-EN0100',
      'FAC-2026-EN0102',
      'FAC-2026-EN0104',
    ])
    const csv = await client
      .get('/agents/paiements/encaissements/export.csv?statut=paid&q=dupont 10')
      .withGuard('agent')
      .loginAs(agent)
    const lines = csvLines(csv.text())
    assert.lengthOf(lines, 1 + 4)
    assert.include(lines[1], ';FAC-2026-EN0010;Famille Dupont 10;Espèces;10,09;R-FAC-2026-EN0010;')
    const [audit] = await db.from('audit_entries').where('action', 'list.exported')
    assert.equal(Number(audit.row_count), 4)
    assert.include(audit.detail, 'paiements paid, « dupont 10 »')
    const admin = await createAgent({ role: 'admin', services: ['finances'] })
    const log = await client.get('/agents/admin/audit').withGuard('agent').loginAs(admin)
    log.assertTextIncludes('Liste exportée (CSV)')
    log.assertTextIncludes('paiements paid, « dupont 10 »')
    log.assertTextIncludes('Liste nominative consultée')
  })

  test('an agent of another service sees none of these payments, in the list or the CSV', async ({
    client,
    assert,
  }) => {
    await invoicesOf('enfance', 4)
    const agent = await createAgent({ services: ['culture'] })
    const page = await client
      .get('/agents/paiements/encaissements')
      .withGuard('agent')
      .loginAs(agent)
    page.assertTextIncludes('Aucun paiement.')
    const csv = await client
      .get('/agents/paiements/encaissements/export.csv')
      .withGuard('agent')
      .loginAs(agent)
    assert.lengthOf(csvLines(csv.text()), 1)
  })
})
