import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import Demand from '#demands/models/demand'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import {
  createAgent,
  createResident,
  createService,
  GOOD_PASSWORD,
} from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

async function logIn(page: Page, path: string, email: string) {
  await page.goto(appUrl(path))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group('Withdrawing and transferring a demand in the browser', () => {
  test('without JavaScript: the resident withdraws a demand, forgetting the reason first', async ({
    browser,
    assert,
  }) => {
    const resident = await createResident({ email: 'lea@example.org', firstName: 'Léa' })
    const demand = await fileThreeStepDemand(resident)

    await withoutJavaScript(browser, async (page) => {
      await logIn(page, '/connexion', 'lea@example.org')
      await page.goto(appUrl(`/mon-espace/demandes/${demand.id}`))
      await page.getByRole('link', { name: 'Retirer ma demande' }).click()
      await expectHeading(page, 'Retirer ma demande')
      await assertAccessible(page, 'withdrawal confirmation')

      await page.getByRole('button', { name: 'Retirer la demande' }).click()
      await page.locator('.error-summary').getByText('Renseignez le champ « Motif »').waitFor()
      await page.locator('#reason-error').waitFor()
      await assertAccessible(page, 'withdrawal without a reason')

      await page.getByLabel('Motif du retrait').fill('J’ai déménagé dans une autre commune.')
      await page.getByRole('button', { name: 'Retirer la demande' }).click()
      await page.getByText('Votre demande a été retirée.').waitFor()
      await page.locator('.timeline').getByText('J’ai déménagé dans une autre commune.').waitFor()
      await assertAccessible(page, 'withdrawn demand')
      assert.equal(await page.getByRole('link', { name: 'Retirer ma demande' }).count(), 0)
    })
    await demand.refresh()
    assert.equal(demand.state, 'withdrawn')
  })

  test('without JavaScript: an agent transfers a demand to another service, forgetting the comment first', async ({
    browser,
    assert,
  }) => {
    const resident = await createResident()
    await createAgent({ email: 'agent.urba@example.org', services: ['urbanisme'] })
    await createService('voirie', 'Voirie')
    const demand = await fileThreeStepDemand(resident)

    await withoutJavaScript(browser, async (page) => {
      await logIn(page, '/agents/connexion', 'agent.urba@example.org')
      await page.goto(appUrl(`/agents/demandes/${demand.id}`))
      await assertAccessible(page, 'agent demand page with the transfer form')
      await page.getByLabel('Service destinataire', { exact: true }).selectOption('voirie')
      await page.getByRole('button', { name: 'Transmettre' }).click()
      await page
        .locator('.error-summary')
        .getByText('Renseignez le champ « Commentaire pour le service destinataire »')
        .waitFor()
      await assertAccessible(page, 'transfer without a comment')

      await page.getByLabel('Commentaire pour le service destinataire').fill('Relève de la voirie.')
      await page.getByLabel('Service destinataire', { exact: true }).selectOption('voirie')
      await page.getByRole('button', { name: 'Transmettre' }).click()
      await page.getByText('La demande a été transmise au service Voirie.').waitFor()
    })
    const moved = await Demand.findOrFail(demand.id)
    assert.equal(moved.serviceSlug, 'voirie')
  })
})
