import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import { town } from '../support.js'

const AGENTS = '/agents/police-municipale/tranquillite-vacances'

async function logIn(page: Page, email: string, agent = false) {
  await page.goto(appUrl(agent ? '/agents/connexion' : '/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

/** The patrol page of the Centre sector, as its agent sees it today. */
function patrolOf(browser: Browser, centre: number, check: (page: Page) => Promise<void>) {
  return withoutJavaScript(browser, async (page) => {
    await logIn(page, 'patrouille@ville.example', true)
    await page.goto(appUrl(`${AGENTS}/secteurs/${centre}/patrouille`))
    await expectHeading(page, 'Patrouille — Centre')
    await check(page)
  })
}

test.group('OTV in the browser, without JavaScript', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('a resident declares an absence (tomorrow refused, then in 10 days), moves the return, comes back early and the patrol stops', async ({
    browser,
    assert,
  }) => {
    clock.travelTo('2027-07-01T10:00:00', { freeze: true })
    const { centre } = await town()
    await createResident({ email: 'vacances@example.org' })
    await createAgent({
      email: 'patrouille@ville.example',
      services: ['tranquillite_publique'],
      permissions: ['police.otv.patrol', 'police.otv.manage'],
    })

    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'vacances@example.org')
      await page.goto(appUrl('/police-municipale'))
      await page.getByRole('link', { name: 'Opération Tranquillité Vacances' }).click()
      await expectHeading(page, 'Opération Tranquillité Vacances')
      await assertAccessible(page, 'OTV page')
      await page.getByRole('link', { name: 'Déclarer une absence' }).click()
      await page.getByRole('button', { name: 'Commencer la démarche' }).click()

      await expectHeading(page, 'Votre logement')
      await assertAccessible(page, 'OTV step 1')
      await page.getByLabel('Numéro').fill('12')
      await page.getByLabel('Rue', { exact: true }).fill('Rue de la République')
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Vos dates d’absence')
      const datesStep = page.url()
      await page.getByLabel('Date de départ').fill('2027-07-02')
      await page.getByLabel('Date de retour').fill('2027-07-10')
      await page.getByLabel('Téléphone pour vous joindre').fill('06 12 34 56 78')
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Informations pour les patrouilles')
      await assertAccessible(page, 'OTV step 3')
      await page.getByLabel('Maison').check()
      await page.getByLabel('Non').check()
      await page.locator('#keyHolderName').fill('Jeanne Voisine')
      await page.getByLabel('Consignes pour les patrouilles').fill('Volets fermés')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await page.getByText('Votre réponse appelle une question supplémentaire').waitFor()
      await page.getByLabel('Téléphone de la personne qui a une clé').fill('06 98 76 54 32')
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Consentement')
      await page.getByLabel('J’accepte que la police municipale').check()
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Vérification')
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await page
        .getByText('La déclaration doit être faite au moins 3 jours avant le départ')
        .first()
        .waitFor()
      await assertAccessible(page, 'OTV refused')

      await page.goto(datesStep)
      await page.getByLabel('Date de départ').fill('2027-07-11')
      await page.getByLabel('Date de retour').fill('2027-07-25')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await page.getByRole('button', { name: 'Continuer' }).click()
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vérification')
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await expectHeading(page, 'Votre demande a bien été envoyée')
      const reference = (await page.locator('.reference').textContent())!.trim()

      await page.goto(appUrl('/police-municipale/tranquillite-vacances'))
      await page.getByRole('link', { name: reference }).click()
      await expectHeading(page, `Absence ${reference}`)
      await assertAccessible(page, 'OTV absence')
      await page.getByLabel('Date de retour').fill('2027-07-20')
      await page.getByRole('button', { name: 'Enregistrer les dates' }).click()
      await page.getByText('Les nouvelles dates sont enregistrées.').waitFor()
      await page.getByText('Du 11/07/2027 au 20/07/2027').waitFor()
    })

    // 13 July: the home is on the Centre patrol's list.
    clock.travelTo('2027-07-13T21:00:00', { freeze: true })
    await patrolOf(browser, centre, async (page) => {
      await page.getByRole('heading', { name: '12 Rue de la République' }).waitFor()
      await page.getByText('Volets fermés').waitFor()
      await assertAccessible(page, 'patrol page')
      await page.getByRole('button', { name: 'Enregistrer le passage' }).click()
      await page.getByText('Passage enregistré').waitFor()
      await page.goto(appUrl(AGENTS))
      await expectHeading(page, 'Tranquillité Vacances — patrouilles')
      await assertAccessible(page, 'OTV agents overview')
      await page.goto(appUrl(`${AGENTS}/secteurs/${centre}/impression`))
      await page.getByRole('cell', { name: '20/07', exact: true }).waitFor()
      await assertAccessible(page, 'printable list')
      await page.goto(appUrl(`${AGENTS}/secteurs`))
      await expectHeading(page, 'Rues et secteurs')
      await assertAccessible(page, 'sectors')
    })

    clock.travelTo('2027-07-15T09:00:00', { freeze: true })
    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'vacances@example.org')
      await page.goto(appUrl('/police-municipale/tranquillite-vacances'))
      await page.getByRole('link', { name: /PRV-/ }).click()
      await page.getByRole('button', { name: 'Déclarer mon retour' }).click()
      await page.getByText('Votre retour est enregistré').waitFor()
      await assertAccessible(page, 'OTV returned')
    })
    await patrolOf(browser, centre, async (page) => {
      await page.getByText('Aucun logement à surveiller aujourd’hui.').waitFor()
      assert.equal(await page.getByText('Rue de la République').count(), 0)
    })
  }).timeout(420_000)
})
