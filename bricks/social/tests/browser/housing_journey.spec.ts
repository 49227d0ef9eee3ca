import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'
import AuditEntry from '#accounts/models/audit_entry'
import { HOUSING_TYPE } from '../../services/housing.js'

test.group('Social-housing appointments in the browser, without JavaScript', () => {
  test('a resident books the housing adviser and reads the documents to bring; the adviser opens it (audited) and records the outcome; every page is accessible', async ({
    browser,
    assert,
  }) => {
    await createAgenda({
      service: 'solidarites',
      type: { key: HOUSING_TYPE, label: 'Logement social', durationMinutes: 30 },
    })
    await createResident({ email: 'logement@example.org', firstName: 'Awa', lastName: 'Diallo' })
    const adviser = await createAgent({
      email: 'logement@ville.example',
      services: ['solidarites'],
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('logement@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/solidarites'))
      await assertAccessible(page, 'social landing page')
      await page.getByRole('link', { name: 'Rendez-vous logement social' }).click()
      await expectHeading(page, 'Rendez-vous logement social')
      await assertAccessible(page, 'housing booking form')
      await page.getByLabel('Déposer une demande de logement social').check()
      await page.getByLabel(/Numéro unique de votre demande/).fill('12')
      await page.locator('input[name="slot"]').first().check()
      await page.getByRole('button', { name: 'Prendre rendez-vous' }).click()
      await page.locator('#applicationNumber-error').waitFor()
      await assertAccessible(page, 'housing booking refused')
      await page.getByLabel(/Numéro unique de votre demande/).fill('')
      await page.getByLabel('Déposer une demande de logement social').check()
      await page.locator('input[name="slot"]').first().check()
      await page.getByRole('button', { name: 'Prendre rendez-vous' }).click()
      await expectHeading(page, 'Votre rendez-vous logement est réservé')
      await page.getByText('Documents à apporter').waitFor()
      await page.getByText('Un justificatif de votre logement actuel').waitFor()
      await assertAccessible(page, 'housing confirmation')
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('logement@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/solidarites'))
      await assertAccessible(page, 'social agents’ landing page')
      await page.getByRole('link', { name: 'Rendez-vous logement social' }).click()
      await assertAccessible(page, 'housing appointments list')
      await page.locator('a[href^="/agents/solidarites/logement/"]').first().click()
      await page.getByText('Awa Diallo').waitFor()
      await assertAccessible(page, 'housing appointment')
      await page.getByLabel('Demande déposée').check()
      await page.getByRole('button', { name: 'Enregistrer l’issue' }).click()
      await page.getByText('L’issue du rendez-vous est enregistrée.').waitFor()
    })
    const audit = await AuditEntry.query()
      .where('agentId', adviser.id)
      .where('action', 'confidential.opened')
    assert.isAbove(audit.length, 0)
  })
})
