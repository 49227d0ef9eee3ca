import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { appUrl, assertAccessible, expectHeading } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import { dailyLists } from '../../services/patrol_lists.js'
import { manyAbsences } from '../support.js'

const AGENTS = '/agents/police-municipale/tranquillite-vacances'

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object each (the tree is `/Pages`). */
function pageCount(pdf: Buffer) {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0
}

async function logIn(page: Page) {
  await page.goto(appUrl('/agents/connexion'))
  await page.getByLabel('Adresse e-mail').fill('patrouille@ville.example')
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group('OTV printable lists', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('with 500 absences in 6 sectors, each sector prints on one A4 page, every home on it', async ({
    browser,
    assert,
  }) => {
    clock.travelTo('2027-07-14T08:00:00', { freeze: true })
    await manyAbsences(500, 6)
    // Every home with all a patrol may be told, at its longest.
    await db.from('police_otv_absences').update({
      address_complement: 'Bâtiment B, escalier 3, 4e étage porte gauche',
      alarm: true,
      alarm_company: 'Télésurveillance Veille Sûre Île-de-France',
      key_holder_name: 'Jeanne-Marie de La Fontaine-Voisine',
      key_holder_phone: '06 98 76 54 32',
      vehicles: 'Renault Clio grise devant le garage, vélo dans la cour',
      pets: 'Un chat nourri par la voisine',
      instructions: 'Volets fermés au rez-de-chaussée, lumière programmée le soir. '.repeat(12),
    })
    const lists = await dailyLists('2027-07-14')
    assert.lengthOf(lists, 6)
    const largest = lists.reduce((a, b) => (b.homes.length > a.homes.length ? b : a))
    assert.isAbove(largest.homes.length, 60)
    await createAgent({
      email: 'patrouille@ville.example',
      services: ['tranquillite_publique'],
      permissions: ['police.otv.patrol'],
    })

    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    try {
      const page = await context.newPage()
      await logIn(page)
      await page.goto(appUrl(`${AGENTS}/secteurs/${largest.id}/impression`))
      await expectHeading(page, `Liste de patrouille : ${largest.name} — 14/07/2027`)
      assert.equal(await page.locator('tbody tr').count(), largest.homes.length)
      await assertAccessible(page, 'printable list, 500 homes')
      const one = await page.pdf({ format: 'A4', printBackground: false })
      assert.equal(pageCount(one), 1, `${largest.homes.length} homes on one A4 page`)

      await page.goto(appUrl(`${AGENTS}/impression`))
      assert.equal(await page.locator('section.otv-sheet').count(), 6)
      await assertAccessible(page, 'every sector printed')
      const all = await page.pdf({ format: 'A4' })
      assert.equal(pageCount(all), 6, 'one page per sector')

      // Room to spare: the busiest sector on a summer day, 90 homes, still one page.
      const street = await db
        .from('police_streets')
        .where('sector_id', largest.id)
        .orderBy('name')
        .firstOrFail()
      const [template] = await db.from('police_otv_absences').where('street_id', street.id).limit(1)
      const row = { ...template }
      delete row.id
      await db.table('police_otv_absences').multiInsert(
        Array.from({ length: 90 - largest.homes.length }, (_, i) => ({
          ...row,
          reference: `OTV-EXTRA-${i}`,
          street_number: 200 + i,
          status: 'active',
          starts_on: '2027-07-10',
          ends_on: '2027-07-31',
        }))
      )
      await page.goto(appUrl(`${AGENTS}/secteurs/${largest.id}/impression`))
      assert.equal(await page.locator('tbody tr').count(), 90)
      const ninety = await page.pdf({ format: 'A4' })
      assert.equal(pageCount(ninety), 1, '90 homes on one A4 page')
    } finally {
      await context.close()
    }
  }).timeout(180_000)
})
