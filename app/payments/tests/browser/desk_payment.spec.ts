import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { clock } from '#core/clock'

test.group('Recording a desk payment in the browser, without JavaScript', () => {
  test('an agent records a cheque payment and the resident’s invoice shows paid with the receipt', async ({
    browser,
    assert,
  }) => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    const user = await createResident({ email: 'famille@example.org' })
    const invoice = await canteenInvoice(user)
    await createAgent({
      email: 'regie@ville.example',
      services: ['finances'],
      permissions: ['payments.desk.record'],
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('regie@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/paiements'))
      await page.getByRole('link', { name: invoice.number }).click()
      await expectHeading(page, `Facture ${invoice.number}`)
      await assertAccessible(page, 'agent invoice with the desk form')
      await page.getByRole('radio', { name: 'Chèque' }).check()
      await page.getByLabel('Montant reçu (€)').fill('50,00')
      await page.getByLabel('Numéro de reçu').fill('CHQ-2026-001')
      await page.getByRole('button', { name: 'Enregistrer le paiement' }).click()
      await page.getByText('Renseignez le champ « Numéro du chèque »').first().waitFor()
      await assertAccessible(page, 'desk form with errors')
      await page.getByLabel('Numéro du chèque').fill('0012345')
      await page.getByLabel('Banque').fill('Banque Postale')
      await page.getByRole('button', { name: 'Enregistrer le paiement' }).click()
      await page.getByText('Le montant dépasse le reste à payer de la facture').first().waitFor()
      await page.getByLabel('Montant reçu (€)').fill('42,60')
      await page.getByRole('button', { name: 'Enregistrer le paiement' }).click()
      await page.getByText('Le paiement est enregistré').waitFor()
      await page.getByRole('cell', { name: 'CHQ-2026-001' }).waitFor()
      await assertAccessible(page, 'agent invoice paid')
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('famille@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/mon-espace/factures'))
      await page.getByRole('cell', { name: 'Payée', exact: true }).waitFor()
      await page.getByRole('cell', { name: 'CHQ-2026-001', exact: true }).waitFor()
      await assertAccessible(page, 'my invoices with a paid one and its receipt')
      await page.getByRole('link', { name: invoice.number, exact: true }).first().click()
      await page.getByText('reçu n° CHQ-2026-001').waitFor()
      await page.getByRole('link', { name: /Télécharger le reçu/ }).waitFor()
      await assertAccessible(page, 'invoice paid by cheque')
    })
    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
  })
})
