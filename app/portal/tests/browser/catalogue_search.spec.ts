import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'

async function search(page: Page, words: string) {
  await page.getByLabel('Rechercher une démarche').fill(words)
  await page.getByRole('button', { name: 'Rechercher' }).click()
}

test.group('Searching the catalogue in the browser', (group) => {
  group.each.setup(() => mailbox.clear())

  test('without JavaScript: a visitor searches, opens what is found and files it to the receipt', async ({
    browser,
    assert,
  }) => {
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/demarches'))
      await assertAccessible(page, 'catalogue by category')
      await search(page, 'RECLAMATION')
      await page.waitForURL(appUrl('/demarches?q=RECLAMATION'))
      await page.getByText('1 démarche trouvée pour « RECLAMATION ».').waitFor()
      await assertAccessible(page, 'search results')
      assert.equal(await page.getByLabel('Rechercher une démarche').inputValue(), 'RECLAMATION')

      await page.getByRole('link', { name: 'Nous contacter' }).click()
      await expectHeading(page, 'Nous contacter')
      await page.getByRole('button', { name: 'Commencer sans compte' }).click()
      await expectHeading(page, 'Votre question')
      await page.getByLabel('Sujet').selectOption('other')
      await page.getByLabel('Objet').fill('Bruit de chantier')
      await page.getByLabel('Votre message').fill('Un chantier commence à 6 h rue des Lilas.')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vos coordonnées')
      await page.getByLabel('Prénom').fill('Inès')
      await page.getByLabel('Nom', { exact: true }).fill('Morel')
      await page.getByLabel('Adresse e-mail').fill('ines@example.org')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vérification')
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await expectHeading(page, 'Votre demande a bien été envoyée')
      const reference = (await page.locator('.reference').textContent())!.trim()
      assert.match(reference, /^PRV-\d{4}-\d{6}$/)
      const mail = await mailbox.waitFor('ines@example.org', /Accusé de réception/)
      assert.include(mail.text!, reference)
    })
  })

  test('without JavaScript: a search that finds nothing leads to “Nous contacter”', async ({
    browser,
  }) => {
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/demarches'))
      await search(page, 'xylophone')
      await page.getByText('Aucune démarche trouvée pour « xylophone ».').waitFor()
      await assertAccessible(page, 'search without a match')
      await page.getByRole('link', { name: 'Nous contacter' }).click()
      await expectHeading(page, 'Nous contacter')
    })
  })
})
