import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { mailbox } from '#tests/support/smtp'
import Report from '../../models/report.js'
import { categories, photoWithGps } from '../support.js'
import { foreignRequests, startTileServer } from '../tile_server.js'

/** How the static map of a place is named for screen readers (the simulator's label of 12 rue de la Gare). */
const MAP_NAME = /^Plan du lieu : .+ \(48\.63000, 2\.44000\)$/

test.group('Signalements in the browser, without JavaScript', (group) => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>
  group.each.setup(async () => {
    tiles = await startTileServer()
    return () => tiles.stop()
  })

  test('a resident reports a broken street light by address with a photo; the agent resolves it; the resident reopens it from the mail without logging in', async ({
    browser,
    assert,
  }) => {
    await categories()
    await createResident({ email: 'habitante@example.org' })
    await createAgent({
      email: 'technique@ville.example',
      services: ['services_techniques'],
      permissions: ['public_space.reports.manage'],
    })
    const photo = await photoWithGps()
    const foreign: string[][] = []

    const reference = await withoutJavaScript(browser, async (page, context) => {
      foreign.push(foreignRequests(context))
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('habitante@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/signalements'))
      await expectHeading(page, 'Signalements')
      await assertAccessible(page, 'public list, empty')
      await page.getByRole('link', { name: 'Signaler un problème' }).click()
      await expectHeading(page, 'Signaler un problème')
      await assertAccessible(page, 'step 1')
      await page.getByLabel('Lampadaire en panne').check()
      await page.getByLabel('Adresse du problème').fill('1 place de la Concorde Paris')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await page.getByText('est en dehors de la commune').first().waitFor()
      await assertAccessible(page, 'step 1, outside the city')
      await page.getByLabel('Lampadaire en panne').check()
      await page.getByLabel('Adresse du problème').fill('12 rue de la Gare')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Photos, description et contact')
      await page.getByText('48.63000, 2.44000').waitFor()
      // The place found is drawn on a static map (tiles from the loopback tile server).
      await page.getByRole('img', { name: MAP_NAME }).waitFor()
      await assertAccessible(page, 'step 2')
      await page
        .getByLabel('Photos')
        .setInputFiles({ name: 'lampadaire.jpg', mimeType: 'image/jpeg', buffer: photo })
      await page.getByLabel('Description').fill('Le lampadaire devant le 12 reste éteint la nuit.')
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
      await expectHeading(page, 'Signalement envoyé')
      await assertAccessible(page, 'filed')
      return (await page.locator('.reference').textContent())!.trim()
    })
    assert.match(reference, /^S-\d{4}-\d{6}$/)

    await withoutJavaScript(browser, async (page, context) => {
      foreign.push(foreignRequests(context))
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('technique@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/signalements'))
      await expectHeading(page, 'Signalements à traiter')
      await assertAccessible(page, 'queue')
      await page.getByRole('link', { name: reference }).click()
      await expectHeading(page, `Signalement ${reference}`)
      await page.getByRole('img', { name: MAP_NAME }).waitFor()
      await assertAccessible(page, 'report for agents')
      await page.getByLabel('Statut').selectOption('resolved')
      await page.getByLabel('Mise à jour publique').fill('Ampoule remplacée ce matin.')
      await page.getByLabel('Photo 1 du signalement').check()
      await page.getByRole('button', { name: 'Enregistrer' }).click()
      await page.getByText('Le signalement est enregistré.').waitFor()
      await assertAccessible(page, 'report resolved')
      await page.getByRole('link', { name: 'Fiche d’intervention' }).click()
      await page.getByText('Ampoule remplacée ce matin.').first().waitFor()
      await page.getByRole('img', { name: MAP_NAME }).waitFor()
      await assertAccessible(page, 'intervention sheet')
    })

    const mail = await mailbox.waitFor('habitante@example.org', /résolu : le problème est-il réglé/)
    const link = mailbox.linkIn(mail, '/avis')
    await withoutJavaScript(browser, async (page, context) => {
      foreign.push(foreignRequests(context))
      await page.goto(link)
      await expectHeading(page, 'Le problème est-il réglé ?')
      await assertAccessible(page, 'feedback form')
      await page.getByLabel('Non, le problème est toujours là').check()
      await page.getByLabel('Commentaire').fill('Toujours éteint ce soir.')
      await page.getByRole('button', { name: 'Envoyer ma réponse' }).click()
      await expectHeading(page, `Signalement ${reference}`)
      await page.getByText('est rouvert').first().waitFor()
      await page.getByRole('img', { name: 'Photo 1 du signalement' }).waitFor()
      await page.getByRole('img', { name: MAP_NAME }).waitFor()
      await assertAccessible(page, 'public page, reopened')
    })
    const report = await Report.findByOrFail('reference', reference)
    assert.equal(report.status, 'acknowledged')
    assert.equal(report.reopenCount, 1)
    // The static maps took their tiles from the loopback server (zoom 17, the tile of
    // 48.63, 2.44 among them) and no page asked anything of another machine.
    assert.include(tiles.served, '/17/66424/45217.png')
    assert.deepEqual(foreign.flat(), [])
  })
})
