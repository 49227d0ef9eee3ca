import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

async function logInAsAgent(page: Page, email: string) {
  await page.goto(appUrl('/agents/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group('Resident 360° view in the browser', () => {
  test('without JavaScript: an agent finds a resident at the counter, opens the record and filters it', async ({
    browser,
    assert,
  }) => {
    const resident = await createResident({
      email: 'louise.michel@example.org',
      firstName: 'Louise',
      lastName: 'Michel',
    })
    const demand = await fileThreeStepDemand(resident)
    await createAgent({ email: 'guichet@ville.example', services: ['accueil', 'urbanisme'] })

    await withoutJavaScript(browser, async (page) => {
      await logInAsAgent(page, 'guichet@ville.example')
      await page.goto(appUrl('/agents/demandes/nouvelle'))
      await page.getByLabel('Nom, adresse e-mail ou téléphone').fill('Michel')
      await page.getByRole('button', { name: 'Rechercher' }).click()
      await page.getByRole('link', { name: 'Ouvrir la fiche de Louise Michel' }).click()
      await expectHeading(page, 'Fiche usager : Louise Michel')
      await page.getByText('louise.michel@example.org').first().waitFor()
      await page.getByRole('link', { name: 'Demande d’essai' }).first().waitFor()
      await assertAccessible(page, 'resident 360° view')

      await page.getByLabel('Afficher').selectOption('invoice')
      await page.getByRole('button', { name: 'Filtrer' }).click()
      await page.getByText('Rien pour cet usager dans vos services.').waitFor()
      await assertAccessible(page, 'resident 360° view, filtered with nothing to show')
      assert.include(page.url(), 'type=invoice')
    })
    assert.exists(demand.reference)
  })
})
