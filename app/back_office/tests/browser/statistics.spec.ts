import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'

const at = (iso: string) => dbTimestamp(DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toUTC())

test.group('Statistics in a browser', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('an agent reads the charts without JavaScript, in French and English, each with its data table; axe finds nothing', async ({
    browser,
  }) => {
    clock.travelTo('2026-06-15T12:00:00', { freeze: true })
    let n = 0
    for (const [origin, state, submitted, closed, due] of [
      ['web', 'accepted', '2026-01-10T09:00', '2026-01-13T10:00', '2026-01-31T09:00'],
      ['counter', 'refused', '2026-02-01T09:00', '2026-02-11T10:00', '2026-02-05T09:00'],
      ['phone', 'in_review', '2026-05-01T09:00', null, '2026-05-20T09:00'],
    ] as const) {
      await db.table('demands').insert({
        reference: `D-${++n}`,
        procedure_key: 'demande-essai',
        service_slug: 'urbanisme',
        state,
        origin,
        answers: '{}',
        current_step: 0,
        submitted_at: at(submitted),
        due_at: at(due),
        closed_at: closed ? at(closed) : null,
        created_at: at(submitted),
        updated_at: at(submitted),
      })
    }
    await createAgent({ services: ['urbanisme'], email: 'urba@ville.example' })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail professionnelle').fill('urba@ville.example')
      await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()

      await page.getByRole('link', { name: 'Statistiques' }).click()
      await expectHeading(page, 'Statistiques')
      await page.getByRole('img', { name: 'Demandes déposées par démarche' }).waitFor()
      await page.getByRole('table', { name: 'Données : Demandes déposées par démarche' }).waitFor()
      await page.getByRole('img', { name: 'Demandes déposées au fil de la période' }).waitFor()
      await assertAccessible(page, 'statistics of the year')

      await page.getByRole('combobox', { name: 'Période (facultatif)' }).selectOption('mois')
      await page.getByLabel('Un jour de la période').fill('2026-02-10')
      await page.getByRole('button', { name: 'Afficher' }).click()
      await page.getByText('Du 01/02/2026 au 28/02/2026. Services : urbanisme.').waitFor()
      await assertAccessible(page, 'statistics of a month')

      await page.getByRole('link', { name: /^EN/ }).click()
      await expectHeading(page, 'Statistics')
      await page.getByRole('img', { name: 'Processing times per procedure' }).waitFor()
      await page.getByRole('table', { name: 'Data: Processing times per procedure' }).waitFor()
      await assertAccessible(page, 'statistics in English')
    })
  })
})
