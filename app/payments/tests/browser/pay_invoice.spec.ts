import { test } from '@japa/runner'
import Invoice from '#payments/models/invoice'
import { PayfipClient } from '#payments/providers/payfip_client'
import { usePayfip } from '#payments/providers/index'
import { startPayfipSimulator, type PayfipSimulator } from '#payments/providers/payfip_simulator'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { mailbox } from '#tests/support/smtp'

let payfip: PayfipSimulator

test.group('Paying an invoice in the browser, without JavaScript', (group) => {
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

  test('a resident pays a canteen invoice through the PayFiP simulator: paid once, receipt mailed, history shown', async ({
    browser,
    assert,
  }) => {
    mailbox.clear()
    const user = await createResident({ email: 'famille@example.org', firstName: 'Claire' })
    const invoice = await canteenInvoice(user)
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('famille@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/mon-espace/factures'))
      await expectHeading(page, 'Mes factures')
      await assertAccessible(page, 'my invoices')
      await page.getByRole('link', { name: invoice.number }).click()
      await assertAccessible(page, 'invoice')
      await page.getByRole('button', { name: 'Payer 42,60 € en ligne' }).click()
      await expectHeading(page, 'Paiement sécurisé')
      await assertAccessible(page, 'before PayFiP')
      await page.getByRole('link', { name: 'Continuer vers le paiement sécurisé' }).click()
      await expectHeading(page, 'Simulateur PayFiP')
      await page.getByRole('button', { name: 'Payer par carte' }).click()
      await expectHeading(page, 'Paiement reçu')
      await assertAccessible(page, 'payment result')
      await page.getByRole('link', { name: 'Revenir à la facture' }).click()
      await page.getByText('Payée', { exact: true }).first().waitFor()
      await page.getByRole('link', { name: /Télécharger le reçu/ }).waitFor()
      await assertAccessible(page, 'paid invoice with its receipt')
    })
    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
    await mailbox.waitFor('famille@example.org', /Reçu de paiement/)
    const stored = await Invoice.query().where('id', invoice.id).preload('payments')
    assert.lengthOf(
      stored[0].payments.filter((payment) => payment.status === 'paid'),
      1
    )
  })

  test('the agents’ payments page is accessible', async ({ browser }) => {
    const user = await createResident()
    await canteenInvoice(user)
    await createAgent({ email: 'regie@ville.example', services: ['finances'] })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('regie@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/paiements'))
      await expectHeading(page, 'Factures et paiements')
      await assertAccessible(page, 'agents payments')
    })
  })
})
