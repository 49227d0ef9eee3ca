import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import Invoice from '#payments/models/invoice'
import InvoiceLine from '#payments/models/invoice_line'
import { clock } from '#core/clock'
import CanteenRegistration from '../../models/canteen_registration.js'
import { invoiceCanteenMonth } from '../../services/canteen.js'
import { canteenFamily, family } from '../support.js'

test.group('Childhood absences in the browser, without JavaScript', () => {
  test('a parent declares an absence online (too late first, then in time) and the next invoice does not bill those days', async ({
    browser,
    assert,
  }) => {
    // Monday 2 November 2026, 10:00: Inès eats at school on Mondays, Tuesdays, Thursdays and Fridays (17 days in November).
    clock.travelTo('2026-11-02T10:00:00+01:00', { freeze: true })
    const { user, ines } = await canteenFamily('absence@example.org', null)
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('absence@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/enfance'))
      await page.getByRole('link', { name: 'Déclarer une absence à la cantine' }).click()
      await expectHeading(page, 'Absences')
      await assertAccessible(page, 'absence form')
      await page.getByLabel('Enfant').selectOption(String(ines.id))
      await page.getByLabel('Premier jour d’absence').fill('2026-11-03')
      await page.getByRole('button', { name: 'Déclarer l’absence' }).click()
      await page.getByText('Trop tard pour déclarer cette absence en ligne').first().waitFor()
      await page.locator('#startsOn-error').getByText('soit avant le 01/11/2026 à 00h00').waitFor()
      await assertAccessible(page, 'absence refused too late')
      await page.getByLabel('Premier jour d’absence').fill('2026-11-05')
      await page.getByLabel('Dernier jour d’absence').fill('2026-11-10')
      await page.getByLabel('Motif').fill('Séjour chez les grands-parents')
      await page.getByRole('button', { name: 'Déclarer l’absence' }).click()
      await page
        .getByText('L’absence est enregistrée : ces jours ne seront pas facturés.')
        .waitFor()
      await page.getByRole('cell', { name: 'Du 05/11/2026 au 10/11/2026' }).waitFor()
      await assertAccessible(page, 'absence declared')
    })
    // December: the month's run issues November's invoice; the parent comes back to it (a new session).
    clock.travelTo('2026-12-02T10:00:00+01:00', { freeze: true })
    await invoiceCanteenMonth('2026-11')
    const invoice = await Invoice.query().where('payerUserId', user.id).firstOrFail()
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('absence@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/mon-espace/factures'))
      await page.getByRole('link', { name: invoice.number }).click()
      await page.getByRole('cell', { name: '13', exact: true }).waitFor()
      await assertAccessible(page, 'invoice without the absent days')
    })
    const lines = await InvoiceLine.query().where('label', 'like', 'Repas de Inès%')
    assert.deepEqual(
      lines.map((line) => line.quantity),
      [17 - 4]
    )
  })

  test('the service’s lists and a child’s record are accessible; an agent records an absence on the record', async ({
    browser,
  }) => {
    clock.travelTo('2026-11-02T10:00:00+01:00', { freeze: true })
    const { user, ines } = await family()
    await CanteenRegistration.create({
      householdMemberId: ines.id,
      userId: user.id,
      schoolYear: '2026-2027',
      days: '1,2,4,5',
      status: 'active',
      absences: [],
    })
    await createAgent({ email: 'enfance@ville.example', services: ['enfance'] })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('enfance@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/enfance/enfants'))
      await assertAccessible(page, 'children list')
      await page.getByLabel('Nom ou prénom de l’enfant').fill('inès')
      await page.getByRole('button', { name: 'Rechercher' }).click()
      await page.getByRole('link', { name: 'Martin Inès' }).click()
      await expectHeading(page, 'Inès Martin')
      await assertAccessible(page, 'child record')
      await page.getByLabel('Premier jour d’absence').fill('2026-11-09')
      await page.getByLabel('Dernier jour d’absence').fill('2026-11-06')
      await page.getByRole('button', { name: 'Enregistrer l’absence' }).click()
      await page.getByText('Le dernier jour doit être le premier jour ou après').first().waitFor()
      await assertAccessible(page, 'child record with an error')
      await page.getByLabel('Dernier jour d’absence').fill('2026-11-13')
      await page.getByRole('button', { name: 'Enregistrer l’absence' }).click()
      await page.getByText('L’absence est enregistrée.').waitFor()
      await page.getByRole('rowheader', { name: 'Du 09/11/2026 au 13/11/2026' }).waitFor()
      await page.goto(appUrl('/agents/enfance/inscriptions'))
      await assertAccessible(page, 'registrations list')
      await page.goto(appUrl('/agents/enfance/cantine?mois=2026-11'))
      await page.getByRole('cell', { name: '13', exact: true }).waitFor()
      await assertAccessible(page, 'canteen list')
    })
  })
})
