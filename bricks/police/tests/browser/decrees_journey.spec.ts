import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import { pdfBytes, publishedDecree } from '../decrees_support.js'

test.group('Police decrees in the browser, without JavaScript', () => {
  test('an agent registers and publishes a temporary traffic decree; residents find it by street; every page passes axe', async ({
    browser,
  }) => {
    clock.travelTo('2026-12-06T10:00:00+01:00', { freeze: true })
    await publishedDecree({ title: 'Réglementation du marché du samedi' })
    await createAgent({
      email: 'arretes@ville.example',
      services: ['tranquillite_publique'],
      permissions: ['police.decrees.manage'],
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('arretes@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/police-municipale'))
      await page.getByRole('link', { name: 'Registre des arrêtés' }).click()
      await expectHeading(page, 'Registre des arrêtés')
      await assertAccessible(page, 'agents register')
      await page.getByRole('link', { name: 'Demandes d’arrêté de voirie acceptées' }).click()
      await expectHeading(page, 'Demandes d’arrêté de voirie acceptées')
      await assertAccessible(page, 'accepted street requests')
      await page.goto(appUrl('/agents/police-municipale/arretes'))
      await page.getByRole('link', { name: 'Enregistrer un arrêté' }).click()
      await assertAccessible(page, 'new decree form')
      await page.getByRole('button', { name: 'Enregistrer le projet' }).click()
      await page.locator('#title-error').waitFor()
      await assertAccessible(page, 'new decree form refused')
      await page.getByLabel('Objet').fill('Travaux de réseau rue de la Gare')
      await page.locator('#kind').selectOption('temporaire_circulation')
      await page.getByLabel('Signataire').fill('Le maire')
      await page.getByLabel('Date de signature').fill('2026-12-05')
      await page.locator('#startsOn').fill('2026-12-07')
      await page.locator('#endsOn').fill('2026-12-18')
      await page.getByLabel('Rues ou lieux concernés').fill('Rue de la Gare\nPlace Jules Vallès')
      await page.locator('#pdf').setInputFiles({
        name: 'arrete-signe.pdf',
        mimeType: 'application/pdf',
        buffer: pdfBytes('gare'),
      })
      await page.getByRole('button', { name: 'Enregistrer le projet' }).click()
      await expectHeading(page, 'Projet d’arrêté (non numéroté)')
      await assertAccessible(page, 'draft decree')
      await page.getByRole('button', { name: 'Numéroter et publier' }).click()
      await expectHeading(page, 'Arrêté n° 2026-0002')
      await assertAccessible(page, 'published decree, agents')
    })
    clock.travelTo('2026-12-08T10:00:00+01:00', { freeze: true })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/police-municipale'))
      await page.getByRole('link', { name: 'Arrêtés municipaux' }).click()
      await expectHeading(page, 'Arrêtés municipaux')
      await assertAccessible(page, 'public register')
      await page.getByRole('link', { name: 'Travaux et circulation en cours' }).click()
      await page.getByLabel('Rue ou lieu').fill('gare')
      await page.getByRole('button', { name: 'Rechercher' }).click()
      await page.getByRole('heading', { name: 'Rue de la Gare' }).waitFor()
      await assertAccessible(page, 'works by street')
      await page.getByRole('link', { name: '2026-0002' }).click()
      await expectHeading(page, 'Arrêté n° 2026-0002')
      await assertAccessible(page, 'public decree page')
      await page.goto(appUrl('/arretes?q=marche&type=reglementaire'))
      await page.getByRole('link', { name: '2026-0001' }).waitFor()
      await assertAccessible(page, 'search results')
      await page.goto(appUrl('/arretes?du=pas-une-date'))
      await assertAccessible(page, 'search not understood')
    })
  })
})
