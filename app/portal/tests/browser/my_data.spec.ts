import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import { Worker } from '#jobs/worker'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { residentWithHistory } from '#portal/tests/support/my_data'

async function logIn(page: Page, path: string, email: string) {
  await page.goto(appUrl(path))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group('My data in the browser, without JavaScript', () => {
  test('a resident prepares and downloads their archive, asks for a correction, then deletes their account', async ({
    browser,
    assert,
  }) => {
    const resident = await createResident({ email: 'simone.veil@example.org', firstName: 'Simone' })
    await residentWithHistory(resident, 'SIMONE')

    await withoutJavaScript(browser, async (page) => {
      await logIn(page, '/connexion', 'simone.veil@example.org')
      await page.getByRole('link', { name: 'Mes données' }).click()
      await expectHeading(page, 'Mes données')
      await assertAccessible(page, 'my data')

      await page.getByRole('button', { name: 'Préparer mon archive' }).click()
      await page.getByText('Votre archive est en préparation').first().waitFor()
      await assertAccessible(page, 'my data, archive pending')
      await new Worker().drain()
      await page.reload()
      const link = page.getByRole('link', { name: 'Télécharger mon archive (ZIP)' })
      const download = await page.request.get(appUrl((await link.getAttribute('href'))!))
      assert.equal(download.status(), 200)
      assert.equal(download.headers()['content-type'], 'application/zip')
      await assertAccessible(page, 'my data, archive ready')

      await page.getByRole('link', { name: 'Demander une correction à l’accueil' }).click()
      await expectHeading(page, 'Corriger mes données')
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'rectification with an error')
      await page.getByLabel('Votre demande de correction').fill('Mon prénom est Simone, pas Simon.')
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await page.getByText('Votre demande de correction a été transmise à l’accueil.').waitFor()

      await page.goto(appUrl('/mon-espace/donnees'))
      await page.getByRole('link', { name: 'Supprimer mon compte' }).click()
      await expectHeading(page, 'Supprimer mon compte')
      await page.getByText('Vos factures').first().waitFor()
      await assertAccessible(page, 'delete account confirmation')
      await page.getByLabel('Votre mot de passe').fill('pas le mien')
      await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click()
      await page.locator('#password-error').waitFor()
      await assertAccessible(page, 'delete account, wrong password')
      await page.getByLabel('Votre mot de passe').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click()
      await expectHeading(page, 'Votre compte est supprimé')
      await page.getByText('Vos factures').first().waitFor()
      await assertAccessible(page, 'account deleted')
    })
    assert.isNull(await User.find(resident.id))
    assert.equal(
      (await Demand.query().where('serviceSlug', 'accueil').whereNull('userId')).length,
      1,
      'the rectification request stays with the accueil, detached'
    )
  })

  test('the pages read in English too, and the accueil runs them for a resident', async ({
    browser,
  }) => {
    await createResident({ email: 'ada.lovelace@example.org', firstName: 'Ada' })
    const resident = await createResident({ email: 'alan.turing@example.org', firstName: 'Alan' })
    await residentWithHistory(resident, 'ALAN')
    await createAgent({ email: 'accueil.donnees@ville.example', services: ['accueil'] })

    await withoutJavaScript(browser, async (page) => {
      await logIn(page, '/connexion', 'ada.lovelace@example.org')
      await page.goto(appUrl('/langue/en'))
      await page.goto(appUrl('/mon-espace/donnees'))
      await expectHeading(page, 'My data')
      await assertAccessible(page, 'my data in English')
      await page.goto(appUrl('/mon-espace/donnees/suppression'))
      await expectHeading(page, 'Delete my account')
      await page.getByText('Nothing is kept').waitFor()
      await assertAccessible(page, 'delete account in English')
      await page.goto(appUrl('/mon-espace/donnees/rectification'))
      await expectHeading(page, 'Correct my data')
      await assertAccessible(page, 'rectification in English')
      await page.goto(
        appUrl('/mon-espace/donnees/archive/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      )
      await expectHeading(page, 'This link is no longer valid')
      await assertAccessible(page, 'expired archive in English')
    })

    await withoutJavaScript(browser, async (page) => {
      await logIn(page, '/agents/connexion', 'accueil.donnees@ville.example')
      await page.goto(appUrl(`/agents/usagers/${resident.id}`))
      await page.getByRole('link', { name: /Données personnelles de l’usager/ }).click()
      await expectHeading(page, `Données de ${resident.fullName}`)
      await assertAccessible(page, 'agent: resident data')
      await page.getByRole('button', { name: 'Préparer l’archive de l’usager' }).click()
      await page.getByText('L’archive est en préparation').waitFor()
      await assertAccessible(page, 'agent: resident data, archive pending')
    })
  })
})
