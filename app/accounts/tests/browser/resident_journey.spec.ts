import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import { createResident } from '#tests/support/factories/accounts'

const PASSWORD = 'un matin de printemps à Évry'

async function logIn(page: Page, email: string, password: string) {
  await page.goto(appUrl('/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group('Resident journeys without JavaScript', () => {
  test('a resident registers, verifies the address, logs in, adds a child and logs out', async ({
    browser,
  }) => {
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/inscription'))
      await assertAccessible(page, 'registration form')

      // A first try with a common password shows the error summary and keeps what was typed.
      await page.getByLabel('Prénom').fill('Aïcha')
      await page.getByLabel('Nom', { exact: true }).fill('Benali')
      await page.getByLabel('Adresse e-mail').fill('aicha.benali@example.org')
      await page.getByLabel('Mot de passe').fill('motdepasse123')
      await page.getByRole('button', { name: 'Créer mon compte' }).click()
      await page.locator('.error-summary').getByText('trop courant').waitFor()
      await assertAccessible(page, 'registration form with errors')
      if ((await page.getByLabel('Prénom').inputValue()) !== 'Aïcha')
        throw new Error('The first name typed was lost')

      await page.getByLabel('Mot de passe').fill(PASSWORD)
      await page.getByRole('button', { name: 'Créer mon compte' }).click()
      await expectHeading(page, 'Vérifiez vos e-mails')
      await assertAccessible(page, 'verification pending')

      const mail = await mailbox.waitFor('aicha.benali@example.org', /Confirmez votre adresse/)
      await page.goto(mailbox.linkIn(mail, '/inscription/verification/'))
      await expectHeading(page, 'Se connecter')
      await page.getByText('Votre adresse e-mail est confirmée').waitFor()
      await assertAccessible(page, 'login')

      await page.getByLabel('Adresse e-mail').fill('aicha.benali@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await expectHeading(page, 'Bonjour Aïcha Benali')
      await assertAccessible(page, 'resident dashboard')

      await page.getByRole('link', { name: 'Mon profil' }).click()
      await assertAccessible(page, 'profile')

      await page.goto(appUrl('/mon-espace/foyer'))
      await assertAccessible(page, 'household')
      await page.getByRole('link', { name: 'Ajouter un membre' }).click()
      await assertAccessible(page, 'add a household member')
      await page.getByLabel('Enfant').check()
      await page.getByLabel('Prénom').fill('Yanis')
      await page.getByLabel('Nom', { exact: true }).fill('Benali')
      await page.getByLabel('Date de naissance').fill('2018-03-14')
      await page.getByLabel('École').fill('École élémentaire Jean Jaurès')
      await page.getByLabel('Classe').fill('CE2')
      await page.getByRole('button', { name: 'Enregistrer' }).click()
      await expectHeading(page, 'Mon foyer')
      await page.getByRole('cell', { name: 'École élémentaire Jean Jaurès, CE2' }).waitFor()
      await page.getByRole('rowheader', { name: 'Yanis Benali' }).waitFor()

      await page.getByRole('link', { name: 'Supprimer Yanis Benali' }).click()
      await assertAccessible(page, 'delete confirmation')
      await page.goto(appUrl('/mon-espace/foyer'))

      await page.getByRole('button', { name: 'Se déconnecter' }).click()
      await page.waitForURL(appUrl('/'))
      await page.goto(appUrl('/mon-espace'))
      await expectHeading(page, 'Se connecter')
    })
  })

  test('a resident who forgot the password gets a link, chooses a new one and logs in with it', async ({
    browser,
  }) => {
    await createResident({ email: 'oubli@example.org', firstName: 'Paul', lastName: 'Henry' })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
      await assertAccessible(page, 'forgot password')
      await page.getByLabel('Adresse e-mail').fill('oubli@example.org')
      await page.getByRole('button', { name: 'Recevoir le lien' }).click()
      await expectHeading(page, 'Consultez vos e-mails')
      await assertAccessible(page, 'reset link sent')

      const mail = await mailbox.waitFor('oubli@example.org', /nouveau mot de passe/)
      await page.goto(mailbox.linkIn(mail, '/mot-de-passe-oublie/'))
      await expectHeading(page, 'Choisir un nouveau mot de passe')
      await assertAccessible(page, 'new password form')
      await page.getByLabel('Nouveau mot de passe').fill(PASSWORD)
      await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD)
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
      await page.getByText('Votre mot de passe a été modifié').waitFor()

      await logIn(page, 'oubli@example.org', PASSWORD)
      await expectHeading(page, 'Bonjour Paul Henry')
    })
  })
})
