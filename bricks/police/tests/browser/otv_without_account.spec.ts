import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'
import { town } from '../support.js'

const AGENTS = '/agents/police-municipale/tranquillite-vacances'

/** The Centre sector's patrol page today, as its agent sees it. */
function patrolOf(browser: Browser, centre: number, check: (page: Page) => Promise<void>) {
  return withoutJavaScript(browser, async (page) => {
    await page.goto(appUrl('/agents/connexion'))
    await page.getByLabel('Adresse e-mail').fill('patrouille@ville.example')
    await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.goto(appUrl(`${AGENTS}/secteurs/${centre}/patrouille`))
    await expectHeading(page, 'Patrouille — Centre')
    await check(page)
  })
}

test.group('OTV without an account, in the browser without JavaScript', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('a visitor declares an absence with an e-mail, then through the receipt mail’s signed link moves the return and comes back early; the patrol stops', async ({
    browser,
    assert,
  }) => {
    clock.travelTo('2027-07-01T10:00:00', { freeze: true })
    const { centre } = await town()
    await createAgent({
      email: 'patrouille@ville.example',
      services: ['tranquillite_publique'],
      permissions: ['police.otv.patrol'],
    })

    const reference = await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/demarches/tranquillite-vacances'))
      await page.getByRole('button', { name: 'Commencer sans compte' }).click()
      await expectHeading(page, 'Votre logement')
      await page.getByLabel('Numéro').fill('8')
      await page.getByLabel('Rue', { exact: true }).fill('rue victor hugo')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vos dates d’absence')
      await page.getByLabel('Date de départ').fill('2027-07-11')
      await page.getByLabel('Date de retour').fill('2027-07-25')
      await page.getByLabel('Téléphone pour vous joindre').fill('06 12 34 56 78')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Informations pour les patrouilles')
      await page.getByLabel('Appartement').check()
      await page.getByLabel('Non').check()
      await page
        .getByLabel('Consignes pour les patrouilles')
        .fill('Courrier relevé par la gardienne')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Consentement')
      await page.getByLabel('J’accepte que la police municipale').check()
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vos coordonnées')
      await page.getByLabel('Prénom').fill('Paul')
      await page.getByLabel('Nom', { exact: true }).fill('Sanscompte')
      await page.getByLabel('Adresse e-mail').fill('sans-compte@example.org')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vérification')
      await page
        .getByText('8 Rue Victor Hugo')
        .or(page.getByText('Rue Victor Hugo'))
        .first()
        .waitFor()
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await expectHeading(page, 'Votre demande a bien été envoyée')
      return (await page.locator('.reference').textContent())!.trim()
    })

    // The receipt mail carries the signed link; a link without its signature opens nothing.
    const mail = await mailbox.waitFor('sans-compte@example.org', new RegExp(reference))
    const link = mailbox.linkIn(mail, '/tranquillite-vacances/gerer/')
    await withoutJavaScript(browser, async (page) => {
      const unsigned = await page.goto(link.split('?')[0])
      assert.equal(unsigned!.status(), 404)
      const forged = await page.goto(link.replace(/signature=[^&]+/, 'signature=abc.def'))
      assert.equal(forged!.status(), 404)
    })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(link)
      await expectHeading(page, `Absence ${reference}`)
      await page.getByText('8 Rue Victor Hugo').waitFor()
      await assertAccessible(page, 'absence opened from the mail')
      await page.getByLabel('Date de retour').fill('2027-07-20')
      await page.getByRole('button', { name: 'Enregistrer les dates' }).click()
      await page.getByText('Les nouvelles dates sont enregistrées.').waitFor()
      await page.getByText('Du 11/07/2027 au 20/07/2027').waitFor()
      // a departure tomorrow is refused with the rule, next to the field
      await page.getByLabel('Date de départ').fill('2027-07-02')
      await page.getByRole('button', { name: 'Enregistrer les dates' }).click()
      await page.getByText('au moins 3 jours avant le départ').first().waitFor()
      await assertAccessible(page, 'dates refused')
    })

    clock.travelTo('2027-07-13T21:00:00', { freeze: true })
    await patrolOf(browser, centre, async (page) => {
      await page.getByRole('heading', { name: '8 Rue Victor Hugo' }).waitFor()
      await page.getByText('Courrier relevé par la gardienne').waitFor()
    })

    clock.travelTo('2027-07-15T09:00:00', { freeze: true })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(link)
      await expectHeading(page, `Absence ${reference}`)
      await page.getByRole('button', { name: 'Déclarer mon retour' }).click()
      await page.getByText('Votre retour est enregistré').waitFor()
      await assertAccessible(page, 'returned from the mail')
    })
    await patrolOf(browser, centre, async (page) => {
      await page.getByText('Aucun logement à surveiller aujourd’hui.').waitFor()
      assert.equal(await page.getByText('Rue Victor Hugo').count(), 0)
    })
  }).timeout(300_000)
})
