import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import AlertCall from '../../models/alert_call.js'
import RegisterEntry from '../../models/register_entry.js'
import { fourSectors, registeredPeople } from '../register_support.js'

const CONSENT_ERROR =
  'Cochez la case pour confirmer que la personne est d’accord pour être inscrite'

test.group('Register of vulnerable people in the browser, without JavaScript', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('a resident registers their mother: refused without her consent (message next to the box and in the summary), then registered', async ({
    browser,
    assert,
  }) => {
    clock.travelTo('2026-06-02T10:00:00+02:00', { freeze: true })
    const son = await createResident({
      email: 'paul.durand@example.org',
      firstName: 'Paul',
      lastName: 'Durand',
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('paul.durand@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/solidarites'))
      await assertAccessible(page, 'social landing page')
      await page
        .getByRole('link', { name: 'Registre des personnes vulnérables (canicule, grand froid)' })
        .click()
      await expectHeading(page, 'Registre des personnes vulnérables')
      await assertAccessible(page, 'register, nobody yet')
      await page.getByRole('link', { name: 'Inscrire une personne' }).click()
      await expectHeading(page, 'Inscrire une personne au registre')
      await assertAccessible(page, 'register form')
      await page.getByLabel('Un proche (parent, voisin…)').check()
      await page.getByLabel('Nom', { exact: true }).fill('Durand')
      await page.getByLabel('Prénom', { exact: true }).fill('Jeanne')
      await page.getByLabel('Date de naissance').fill('1948-03-12')
      await page.getByLabel('Téléphone de la personne', { exact: true }).fill('01 60 12 34 56')
      await page.getByLabel('Adresse', { exact: true }).fill('4 allée des Tilleuls')
      await page.getByLabel('Code postal').fill('91000')
      await page.getByLabel('Commune').fill('Évry-Courcouronnes')
      await page.getByLabel(/^Personne à prévenir/).fill('Paul Durand')
      await page
        .getByLabel('Aide dont la personne a besoin')
        .fill('Vit seule, monte difficilement les escaliers')
      await page.getByRole('button', { name: 'Inscrire la personne' }).click()
      await page.locator('#consent-error').getByText(CONSENT_ERROR).waitFor()
      await page.locator('.error-summary').getByRole('link', { name: CONSENT_ERROR }).waitFor()
      await assertAccessible(page, 'register form without consent')
      // What was typed is kept.
      assert.equal(await page.getByLabel('Prénom', { exact: true }).inputValue(), 'Jeanne')
      await page.getByLabel('La personne inscrite est d’accord pour figurer au registre').check()
      await page.getByRole('button', { name: 'Inscrire la personne' }).click()
      await page.getByText('L’inscription est enregistrée.').waitFor()
      await page.getByRole('rowheader', { name: 'Jeanne Durand' }).waitFor()
      await assertAccessible(page, 'register with the mother')
    })
    const entry = await RegisterEntry.firstOrFail()
    assert.deepInclude(entry.serialize(), {
      userId: son.id,
      relation: 'relative',
      firstName: 'Jeanne',
      referentName: 'Paul Durand',
    })
  })

  test('an agent keeps the sectors, checks a registration, opens a heat-wave alert and logs calls from a sector’s list', async ({
    browser,
    assert,
  }) => {
    clock.travelTo('2026-07-14T09:00:00+02:00', { freeze: true })
    const sectors = await fourSectors()
    const people = await registeredPeople(
      8,
      sectors.map((sector) => sector.id)
    )
    await createAgent({
      email: 'solidarites@ville.example',
      services: ['solidarites'],
      permissions: ['social.register.sectors'],
    })
    const centre = sectors.find((sector) => sector.name === 'Centre')!
    const first = people
      .filter((person) => person.sector_id === centre.id)
      .sort((a, b) => (a.last_name < b.last_name ? -1 : 1))[0]
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('solidarites@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/solidarites'))
      await assertAccessible(page, 'social agents landing page')
      await page
        .getByRole('link', { name: 'Registre des personnes vulnérables et alertes' })
        .click()
      await expectHeading(page, 'Registre des personnes vulnérables')
      await assertAccessible(page, 'register list')
      await page.getByRole('link', { name: 'Secteurs' }).click()
      await assertAccessible(page, 'sectors')
      await page.getByLabel('Nom du secteur').fill('Bois-Sauvage')
      await page.getByRole('button', { name: 'Ajouter le secteur' }).click()
      await page.getByText('Le secteur est ajouté.').waitFor()
      await page.getByRole('link', { name: 'Inscrire une personne' }).click()
      await assertAccessible(page, 'agent register form')
      await page.goto(appUrl(`/agents/solidarites/registre/${people[1].id}`))
      await assertAccessible(page, 'a registration')
      await page.getByLabel('Secteur').selectOption({ label: 'Bois-Sauvage' })
      await page.getByRole('button', { name: 'Enregistrer le secteur' }).click()
      await page.getByText('L’inscription est vérifiée et placée dans son secteur.').waitFor()
      await page.getByRole('link', { name: 'Alertes canicule et grand froid' }).click()
      await assertAccessible(page, 'alerts')
      await page.getByLabel('Alerte canicule').check()
      await page.getByLabel('Premier jour').fill('2026-07-14')
      await page.getByLabel('Dernier jour').fill('2026-07-12')
      await page.getByRole('button', { name: 'Ouvrir l’alerte' }).click()
      await page
        .locator('#endsOn-error')
        .getByText('Le dernier jour doit être le premier jour ou après')
        .waitFor()
      await assertAccessible(page, 'alert refused')
      await page.getByLabel('Dernier jour').fill('2026-07-17')
      await page.getByRole('button', { name: 'Ouvrir l’alerte' }).click()
      await page.getByText('L’alerte est ouverte').waitFor()
      await assertAccessible(page, 'an alert')
      await page.getByRole('link', { name: 'Centre', exact: true }).click()
      await assertAccessible(page, 'a sector’s call list')
      const name = `${first.first_name} ${first.last_name}`
      await page.getByRole('button', { name: `Pas de réponse : ${name}` }).click()
      await page.getByText('Appel noté : pas de réponse.').waitFor()
      await page
        .locator(`#personne-${first.id}`)
        .getByText('Aujourd’hui : Pas de réponse')
        .waitFor()
      await assertAccessible(page, 'a call logged')
    })
    const calls = await AlertCall.all()
    assert.deepEqual(
      calls.map((call) => [call.entryId, call.outcome, call.day]),
      [[first.id, 'not_reached', '2026-07-14']]
    )
  })
})
