import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { FILES, fixtureFile } from '#tests/support/factories/demands'
import Registration from '../../models/registration.js'
import { family, wednesdayActivity } from '../support.js'

test.group('Childhood in the browser, without JavaScript', () => {
  test('two children for the last Wednesday place: one placed, one waiting at position 1, promoted when the first is cancelled, and the family is told', async ({
    browser,
    assert,
  }) => {
    mailbox.clear()
    const { ines, tom } = await family('parents@example.org')
    const { session } = await wednesdayActivity({ capacity: 1 })
    const attestation = await fixtureFile('attestation-caf.pdf', FILES.pdf)
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('parents@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/enfance/activites'))
      await expectHeading(page, 'Activités')
      await assertAccessible(page, 'activities')
      await page.getByLabel('Enfant').selectOption(String(ines.id))
      await page.getByLabel(/Mercredi prochain/).check()
      await page.getByRole('button', { name: 'Inscrire à « Mercredis sportifs »' }).click()
      await page.getByText('votre enfant a une place').waitFor()
      await page.goto(appUrl('/enfance/activites'))
      await page.getByLabel('Enfant').selectOption(String(tom.id))
      await page.getByLabel(/Mercredi prochain/).check()
      await page.getByRole('button', { name: 'Inscrire à « Mercredis sportifs »' }).click()
      await page.getByText('en position 1').waitFor()
      await expectHeading(page, 'Enfance')
      await assertAccessible(page, 'family page')
      await page.getByText('Liste d’attente : position 1').waitFor()

      await page
        .getByRole('link', { name: `Annuler : ${ines.firstName}, Mercredi prochain` })
        .click()
      await assertAccessible(page, 'cancel registration')
      await page.getByRole('button', { name: 'Annuler l’inscription' }).click()
      await page.getByText('L’inscription est annulée.').waitFor()
      const promoted = await Registration.query().where('householdMemberId', tom.id).firstOrFail()
      assert.equal(promoted.status, 'placed')
      await mailbox.waitFor('parents@example.org', /place s’est libérée pour Tom/)

      await page.goto(appUrl('/enfance/cantine'))
      await assertAccessible(page, 'canteen registration')
      await page.getByLabel('Enfant').selectOption(String(ines.id))
      await page.getByRole('button', { name: 'Enregistrer l’inscription' }).click()
      await page.getByText('L’inscription à la cantine est enregistrée.').waitFor()
      await page.goto(appUrl('/enfance/quotient'))
      await assertAccessible(page, 'quotient')
      await page.getByLabel('Quotient familial (en euros)').fill('650')
      await page.getByLabel('Attestation de la CAF').setInputFiles(attestation)
      await page.getByRole('button', { name: 'Envoyer' }).click()
      await page.getByText('la tranche B s’appliquera').waitFor()
    })
    const stored = await Registration.query().where('sessionId', session.id).orderBy('id')
    assert.deepEqual(
      stored.map((registration) => registration.status),
      ['cancelled', 'placed']
    )
  })

  test('the childhood service’s pages are accessible: activities, session, printable list, children, quotients, canteen', async ({
    browser,
  }) => {
    const { user, ines } = await family()
    const { session } = await wednesdayActivity({ capacity: 4 })
    const { registerChild } = await import('../../services/registrations.js')
    await registerChild({ sessionId: session.id, childId: ines.id, user })
    await createAgent({
      email: 'enfance@ville.example',
      services: ['enfance'],
      permissions: ['childhood.registrations.manage', 'childhood.invoicing.run'],
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('enfance@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/enfance'))
      await expectHeading(page, 'Enfance')
      await assertAccessible(page, 'childhood service')
      await page.getByRole('link', { name: 'Mercredi prochain' }).click()
      await assertAccessible(page, 'session')
      await page.getByRole('button', { name: `Accepter : ${ines.fullName}` }).click()
      await page.getByText('C’est enregistré.').waitFor()
      await page.getByLabel(ines.fullName).check()
      await page.getByRole('button', { name: 'Enregistrer les présences' }).click()
      await page.getByText('Les présences sont enregistrées.').waitFor()
      await page.getByRole('link', { name: 'Imprimer la liste' }).click()
      await assertAccessible(page, 'printable list')
      await page.goto(appUrl('/agents/enfance/enfants'))
      await assertAccessible(page, 'children')
      await page.goto(appUrl('/agents/enfance/quotients'))
      await assertAccessible(page, 'quotients')
      await page.goto(appUrl('/agents/enfance/cantine'))
      await assertAccessible(page, 'canteen')
      await page.goto(appUrl('/agents/enfance/activites/nouvelle'))
      await expectHeading(page, 'Nouvelle activité')
      await assertAccessible(page, 'new activity')
      await page.goto(appUrl(`/agents/enfance/activites/${session.activityId}/seances`))
      await assertAccessible(page, 'activity sessions')
    })
  })
})
