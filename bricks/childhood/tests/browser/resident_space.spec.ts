import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DEMO_PASSWORD, DEMO_RESIDENT, seedDemoCity } from '#core/demo/demo_city'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'

/** The demo city as `npm start` seeds it: each enabled module's own seed. */
async function seedDemo() {
  await db.transaction((trx) => seedDemoCity(trx))
}

test.group(
  'Childhood: the registrations in the resident space, in the browser, without JavaScript',
  () => {
    test('the demo resident’s /mon-espace lists a demand, an appointment, an invoice, a payment and a childhood registration in date order', async ({
      browser,
      assert,
    }) => {
      await seedDemo()
      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/connexion'))
        await page.getByLabel('Adresse e-mail').fill(DEMO_RESIDENT.email)
        await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await expectHeading(page, `Bonjour ${DEMO_RESIDENT.firstName} ${DEMO_RESIDENT.lastName}`)
        assert.equal(new URL(page.url()).pathname, '/mon-espace')
        await assertAccessible(page, 'resident space')

        const items = page.locator('li.timeline__item')
        const keys: string[] = []
        const dates: string[] = []
        for (let index = 0; index < (await items.count()); index++) {
          keys.push((await items.nth(index).getAttribute('id'))!)
          dates.push((await items.nth(index).locator('time').getAttribute('datetime'))!)
        }
        const kinds = keys.map((key) => key.replace(/-\d+$/, ''))
        for (const kind of [
          'demand',
          'appointment',
          'invoice',
          'payment',
          'childhood_registration',
        ])
          assert.include(kinds, kind)
        const times = dates.map((date) => Date.parse(date))
        assert.deepEqual(
          times,
          [...times].sort((a, b) => b - a),
          'newest first'
        )

        // The filter is a plain GET form, and the brick's kind is one of its choices.
        await page.getByLabel('Afficher').selectOption({ label: 'Inscriptions enfance' })
        await page.getByRole('button', { name: 'Filtrer' }).click()
        await page.locator('li.timeline__item').first().waitFor()
        const filtered = await page.locator('li.timeline__item').count()
        assert.equal(
          await page.locator('li.timeline__item--childhood_registration').count(),
          filtered
        )
        assert.isAbove(filtered, 0)
        await assertAccessible(page, 'resident space, childhood registrations only')
      })
    })
  }
)
