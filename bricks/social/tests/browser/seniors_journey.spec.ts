import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import ActivityRegistration from '#activities/models/activity_registration'
import SeniorRegistration from '../../models/senior_registration.js'
import { outing, relativeWithMother, senior } from '../support.js'

async function logIn(page: Page, email: string, path = '/connexion') {
  await page.goto(appUrl(path))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

async function register(page: Page, options: { participant?: string; shuttle?: string } = {}) {
  await page.goto(appUrl('/solidarites/seniors'))
  if (options.participant)
    await page
      .getByLabel('Personne inscrite', { exact: true })
      .selectOption({ label: options.participant })
  await page.getByLabel(/Jeudi en dix jours/).check()
  if (options.shuttle) {
    await page.getByLabel('Prise en charge par la navette').check()
    await page.getByLabel(/Adresse de prise en charge/).fill(options.shuttle)
  }
  await page.getByLabel(/Personne à prévenir/).fill('Luc Moreau 06 12 34 56 78')
  await page.getByRole('button', { name: 'S’inscrire à « Château de Fontainebleau »' }).click()
}

test.group('Seniors’ activities in the browser, without JavaScript', () => {
  test('a 70-year-old resident registers for an outing with the shuttle', async ({
    browser,
    assert,
  }) => {
    const { session } = await outing()
    await senior('jeanne.browser@example.org', 70)
    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'jeanne.browser@example.org')
      await page.goto(appUrl('/solidarites'))
      await assertAccessible(page, 'social landing')
      await page.getByRole('link', { name: /Activités des seniors/ }).click()
      await expectHeading(page, 'Activités des seniors')
      await assertAccessible(page, 'seniors activities')
      await register(page, { shuttle: '3 rue des Lilas' })
      await page.getByText('la place est réservée').waitFor()
      await page.getByText('navette depuis 3 rue des Lilas').waitFor()
      await assertAccessible(page, 'seniors activities after registering')
    })
    const registration = await ActivityRegistration.query()
      .where('sessionId', session.id)
      .firstOrFail()
    assert.equal(registration.status, 'placed')
    const details = await SeniorRegistration.findByOrFail('registrationId', registration.id)
    assert.equal(details.pickupAddress, '3 rue des Lilas')
  })

  test('a relative registers their mother from their own account', async ({ browser, assert }) => {
    const { session } = await outing()
    const { mother } = await relativeWithMother('paul.browser@example.org')
    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'paul.browser@example.org')
      await register(page, { participant: 'Odette Lefèvre' })
      await page.getByText('la place est réservée').waitFor()
      await page.getByText(/Odette Lefèvre — Château de Fontainebleau/).waitFor()
    })
    const registration = await ActivityRegistration.query()
      .where('sessionId', session.id)
      .firstOrFail()
    assert.equal(registration.householdMemberId, mother.id)
  })

  test('the last place goes to the first of two; the second waits and is promoted when the first cancels, told by mail', async ({
    browser,
    assert,
  }) => {
    mailbox.clear()
    const { session } = await outing({ capacity: 1 })
    await senior('premiere.browser@example.org', 68, 'Alice')
    await senior('seconde.browser@example.org', 73, 'Rose')
    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'premiere.browser@example.org')
      await register(page)
      await page.getByText('la place est réservée').waitFor()
    })
    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'seconde.browser@example.org')
      await register(page)
      await page.getByText('en position 1').waitFor()
      await page.getByText('liste d’attente, position 1').waitFor()
    })
    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'premiere.browser@example.org')
      await page.goto(appUrl('/solidarites/seniors'))
      await page.getByRole('link', { name: /Annuler : Alice Moreau/ }).click()
      await assertAccessible(page, 'cancel a registration')
      await page.getByRole('button', { name: 'Annuler l’inscription' }).click()
      await page.getByText('L’inscription est annulée.').waitFor()
    })
    const mail = await mailbox.waitFor(
      'seconde.browser@example.org',
      /place s’est libérée pour Rose Moreau/
    )
    assert.include(mail.text ?? '', 'Château de Fontainebleau')
    const rows = await ActivityRegistration.query().where('sessionId', session.id).orderBy('id')
    assert.deepEqual(
      rows.map((row) => row.status),
      ['cancelled', 'placed']
    )
  })

  test('the social service’s seniors pages are accessible: programme, new activity, session lists, printable lists', async ({
    browser,
  }) => {
    await outing()
    await createAgent({
      email: 'seniors@ville.example',
      services: ['solidarites'],
      permissions: ['social.seniors.manage'],
    })
    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'seniors@ville.example', '/agents/connexion')
      await page.goto(appUrl('/agents/solidarites'))
      await assertAccessible(page, 'social agents landing')
      await page.getByRole('link', { name: /Activités des seniors/ }).click()
      await expectHeading(page, 'Activités des seniors')
      await assertAccessible(page, 'programme')
      await page.getByRole('link', { name: 'Jeudi en dix jours' }).click()
      await assertAccessible(page, 'session')
      await page.getByLabel('Nom et prénom').fill('Marcel Dupont')
      await page.getByLabel('Attestation de retraite vérifiée').check()
      await page.locator('#emergencyContact').fill('Fille : 06 98 76 54 32')
      await page.getByRole('button', { name: 'Inscrire', exact: true }).click()
      await page.getByText('la place est réservée').waitFor()
      await page.getByLabel('Marcel Dupont').check()
      await page.getByRole('button', { name: 'Enregistrer les présences' }).click()
      await page.getByText('Les présences sont enregistrées.').waitFor()
      await assertAccessible(page, 'session with a participant')
      await page.getByRole('link', { name: 'Imprimer les listes' }).click()
      await assertAccessible(page, 'printable lists')
      await page.goto(appUrl('/agents/solidarites/seniors/activites/nouvelle'))
      await expectHeading(page, 'Nouvelle activité')
      await assertAccessible(page, 'new activity')
    })
  })
})
