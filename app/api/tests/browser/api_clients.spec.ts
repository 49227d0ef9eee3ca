import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createService, GOOD_PASSWORD } from '#tests/support/factories/accounts'

test.group('API clients in a browser', () => {
  test('an admin creates an API client without JavaScript, reads its token once, sees its calls and revokes it; every page, and the API reference, is accessible', async ({
    browser,
  }) => {
    await createAgent({ role: 'admin', email: 'alice@ville.example', services: ['accueil'] })
    await createService('etat_civil', 'État civil')

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail professionnelle').fill('alice@ville.example')
      await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()

      await page.goto(appUrl('/agents/admin'))
      await page.getByRole('link', { name: 'Clients d’API' }).click()
      await expectHeading(page, 'Clients d’API')
      await assertAccessible(page, 'API clients, none yet')

      await page.getByRole('link', { name: 'Nouveau client d’API' }).click()
      await expectHeading(page, 'Nouveau client d’API')
      await page.getByRole('button', { name: 'Créer le client et son jeton' }).click()
      await page.getByRole('link', { name: 'Nom' }).first().waitFor()
      await assertAccessible(page, 'API client form with errors')

      await page.getByLabel('Nom').fill('Logiciel de l’accueil')
      await page.getByLabel('demands : lecture').check()
      await page.getByLabel('demands : écriture').check()
      await page.getByLabel('Accueil').check()
      await page.getByRole('button', { name: 'Créer le client et son jeton' }).click()
      await expectHeading(page, 'Jeton du client « Logiciel de l’accueil »')
      const token = await page.getByLabel('Jeton').inputValue()
      if (!token.startsWith('pvs_')) throw new Error(`Unexpected token ${token}`)
      await assertAccessible(page, 'token shown once')

      const call = await page.request.get(appUrl('/api/v1/demands'), {
        headers: { Authorization: `Bearer ${token}` },
      })
      if (call.status() !== 200) throw new Error(`The API answered ${call.status()}`)

      await page.getByRole('link', { name: 'Retour à la fiche du client' }).click()
      await expectHeading(page, 'Logiciel de l’accueil')
      await page.getByRole('cell', { name: 'GET /api/v1/demands' }).waitFor()
      await assertAccessible(page, 'API client with its calls')

      await page.getByRole('button', { name: 'Révoquer le client' }).click()
      await page.getByText('Le client est révoqué').waitFor()
      await assertAccessible(page, 'API client revoked')

      await page.goto(appUrl('/api/v1/docs'))
      await expectHeading(page, 'API des logiciels métier — référence')
      await assertAccessible(page, 'API reference')
    })
  })
})
