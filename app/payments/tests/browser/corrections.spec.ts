import { test } from '@japa/runner'
import Payment from '#payments/models/payment'
import { recordDeskPayment } from '#payments/actions/record_desk_payment'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { clock } from '#core/clock'

const ALL = ['payments.desk.record', 'payments.invoices.correct', 'payments.mismatch.resolve']

test.group(
  'Correcting invoices and checking payments in the browser, without JavaScript',
  (group) => {
    group.each.teardown(() => {
      clock.reset()
    })

    test('an agent credits part of an invoice, cancels another, and the resident reads both with the reasons', async ({
      browser,
      assert,
    }) => {
      clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
      const user = await createResident({ email: 'famille@example.org' })
      const credited = await canteenInvoice(user)
      const cancelled = await canteenInvoice(user)
      await createAgent({ email: 'regie@ville.example', services: ['finances'], permissions: ALL })
      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/agents/connexion'))
        await page.getByLabel('Adresse e-mail').fill('regie@ville.example')
        await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.goto(appUrl(`/agents/paiements/factures/${credited.id}`))
        await expectHeading(page, `Facture ${credited.number}`)
        await assertAccessible(page, 'agent invoice with the correction forms')
        await page.getByLabel('Montant de l’avoir (€)').fill('100')
        await page.getByRole('button', { name: 'Émettre l’avoir' }).click()
        await page.getByText('Renseignez le champ « Motif de l’avoir »').first().waitFor()
        await assertAccessible(page, 'credit note form with errors')
        await page.getByLabel('Montant de l’avoir (€)').fill('8,55')
        await page
          .getByRole('textbox', { name: 'Motif' })
          .first()
          .fill('Trois repas non servis (grève)')
        await page.getByRole('button', { name: 'Émettre l’avoir' }).click()
        await page.getByText('L’avoir est émis.').waitFor()
        await page.goto(appUrl(`/agents/paiements/factures/${cancelled.id}`))
        await page.getByRole('textbox', { name: 'Motif' }).last().fill('Facturée en double')
        await page.getByRole('button', { name: 'Annuler la facture' }).click()
        await page.getByText('La facture est annulée.').waitFor()
        await assertAccessible(page, 'agent invoice cancelled')
      })
      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/connexion'))
        await page.getByLabel('Adresse e-mail').fill('famille@example.org')
        await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.goto(appUrl('/mon-espace/factures'))
        await page.getByText('Reste à payer : 34,05 € au total.').waitFor()
        await page.getByRole('cell', { name: 'Annulée', exact: true }).waitFor()
        await page.getByRole('link', { name: credited.number }).click()
        await page.getByText('Trois repas non servis (grève)').waitFor()
        await assertAccessible(page, 'resident invoice with a credit note')
        await page.goto(appUrl(`/mon-espace/factures/${cancelled.id}`))
        await page.getByText('Facturée en double').waitFor()
        await assertAccessible(page, 'resident invoice cancelled')
      })
      await credited.refresh()
      assert.equal(credited.dueCents, 3405)
    })

    test('an agent finds a flagged payment, dismisses it with a comment, searches the lists and opens the accounting export', async ({
      browser,
      assert,
    }) => {
      clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
      const user = await createResident()
      const invoice = await canteenInvoice(user)
      const paidInvoice = await canteenInvoice(user)
      const agent = await createAgent({
        email: 'regie@ville.example',
        services: ['finances'],
        permissions: ALL,
      })
      await recordDeskPayment(agent, paidInvoice.id, {
        method: 'cash',
        amountCents: 4260,
        paidOn: '2026-12-07',
        receiptNumber: 'E-1',
      })
      const flagged = await Payment.create({
        invoiceId: invoice.id,
        provider: 'payfip',
        refdet: 'REFX1',
        operationId: 'op-x1',
        amountCents: 100,
        status: 'mismatch',
        flag: 'Résultat PayFiP différent de la demande : montant 100 au lieu de 4260',
      })
      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/agents/connexion'))
        await page.getByLabel('Adresse e-mail').fill('regie@ville.example')
        await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.goto(appUrl('/agents/paiements'))
        await assertAccessible(page, 'invoices list with a payment to check')
        await page.getByRole('link', { name: 'Voir les paiements à vérifier' }).click()
        await expectHeading(page, 'Encaissements')
        await assertAccessible(page, 'payments list')
        await page.getByRole('link', { name: 'REFX1' }).click()
        await assertAccessible(page, 'flagged payment with the decision form')
        await page.getByRole('button', { name: 'Enregistrer la décision' }).click()
        await page.getByText('Renseignez le champ « Commentaire »').first().waitFor()
        await assertAccessible(page, 'decision form with errors')
        await page.getByRole('radio', { name: /Classer sans suite/ }).check()
        await page.getByLabel('Commentaire').fill('Paiement test de la régie, rien reçu')
        await page.getByRole('button', { name: 'Enregistrer la décision' }).click()
        await page.getByText('Le paiement est classé sans suite.').waitFor()
        await page.goto(appUrl('/agents/paiements/encaissements'))
        await page.getByRole('searchbox', { name: /Rechercher/ }).fill('E-1')
        await page.getByRole('button', { name: 'Afficher' }).click()
        await page.getByRole('cell', { name: paidInvoice.number }).waitFor()
        assert.equal(await page.getByRole('cell', { name: invoice.number }).count(), 0)
        await page.goto(appUrl('/agents/paiements/comptabilite'))
        await expectHeading(page, 'Export comptable')
        await assertAccessible(page, 'accounting export form')
      })
      await flagged.refresh()
      assert.equal(flagged.status, 'dismissed')
    })
  }
)
