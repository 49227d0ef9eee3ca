import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, runAxe } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import Report from '../../models/report.js'
import { categories } from '../support.js'
import { foreignRequests, startTileServer } from '../tile_server.js'

async function login(page: Page, path: string, email: string) {
  await page.goto(appUrl(path))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group('Signalements in the browser, with JavaScript: maps', (group) => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>
  group.each.setup(async () => {
    tiles = await startTileServer()
    return () => tiles.stop()
  })

  test('the map shows, "Utiliser ma position" and a click on the map move the pin, and the report saved has the pin’s coordinates; the public list and the queue map it', async ({
    browser,
    assert,
  }) => {
    await categories()
    await createResident({ email: 'habitante@example.org' })
    await createAgent({ email: 'technique@ville.example', services: ['services_techniques'] })

    const context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      geolocation: { latitude: 48.632, longitude: 2.442 },
      permissions: ['geolocation'],
    })
    const foreign = foreignRequests(context)
    let pin: { lat: string; lng: string }
    try {
      const page = await context.newPage()
      await login(page, '/connexion', 'habitante@example.org')
      await page.goto(appUrl('/signalements/nouveau'))
      await expectHeading(page, 'Signaler un problème')
      await assertAccessible(page, 'step 1 with JavaScript, map closed')
      await page.getByLabel('Lampadaire en panne').check()

      await page.getByRole('button', { name: 'Choisir le lieu sur la carte' }).click()
      await page.locator('#map[data-map-ready]').waitFor()
      await page.locator('#map .leaflet-tile-loaded').first().waitFor()
      await page.getByRole('button', { name: 'Utiliser ma position' }).click()
      await page.getByText('Point choisi sur la carte : 48.63200, 2.44200').waitFor()
      assert.equal(await page.locator('#lat').inputValue(), '48.632000')

      // Click the map 60 px right of and 40 px below its middle (where the pin now stands): the pin moves there.
      await page.waitForTimeout(1500) // the zoom to the position is animated
      const box = (await page.locator('#map').boundingBox())!
      await page
        .locator('#map')
        .click({ position: { x: box.width / 2 + 60, y: box.height / 2 + 40 }, force: true })
      // Strict CSP forbids waitForFunction's eval: poll the hidden field from here.
      for (let tries = 0; (await page.locator('#lat').inputValue()) === '48.632000'; tries++) {
        if (tries > 50) {
          await page.screenshot({ path: 'tmp/map_failure.png' })
          throw new Error('Clicking the map did not move the pin')
        }
        await page.waitForTimeout(100)
      }
      pin = {
        lat: await page.locator('#lat').inputValue(),
        lng: await page.locator('#lng').inputValue(),
      }
      // Down is south, right is east.
      assert.isBelow(Number(pin.lat), 48.632)
      assert.isAbove(Number(pin.lng), 2.442)
      await runAxe(page, 'step 1 with the map shown')

      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Photos, description et contact')
      await page
        .getByText(`${Number(pin.lat).toFixed(5)}, ${Number(pin.lng).toFixed(5)}`)
        .first()
        .waitFor()
      await page.getByLabel('Description').fill('Le lampadaire à cet endroit reste éteint.')
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
      await expectHeading(page, 'Signalement envoyé')

      const report = await Report.query().orderBy('id', 'desc').firstOrFail()
      assert.closeTo(report.lat, Number(pin.lat), 1e-9)
      assert.closeTo(report.lng, Number(pin.lng), 1e-9)

      await page.goto(appUrl('/signalements'))
      await assertAccessible(page, 'public list with JavaScript, map closed')
      await page.getByRole('button', { name: 'Voir les signalements sur la carte' }).click()
      await page.locator('#map[data-map-loaded="1"]').waitFor()
      await page.locator('#map .map-marker').first().click()
      await page
        .locator('#map .leaflet-popup')
        .getByRole('link', { name: report.reference })
        .waitFor()
      await runAxe(page, 'public list with the map shown')
    } finally {
      await context.close()
    }

    const agents = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    const agentsForeign = foreignRequests(agents)
    try {
      const page = await agents.newPage()
      await login(page, '/agents/connexion', 'technique@ville.example')
      await page.goto(appUrl('/agents/signalements'))
      await expectHeading(page, 'Signalements à traiter')
      await page.locator('#map[data-map-loaded="1"]').waitFor()
      await runAxe(page, 'queue with its map')
      await assertAccessible(page, 'queue with its map')
      // The brick's own page, not the city's /agents/statistiques (both links read "Statistiques").
      await page.locator('a[href="/agents/signalements/statistiques"]').first().click()
      await expectHeading(page, 'Statistiques des signalements')
      await assertAccessible(page, 'statistics')
    } finally {
      await agents.close()
    }

    assert.isAbove(tiles.served.length, 0)
    assert.deepEqual([...foreign, ...agentsForeign], [])
  })
})
