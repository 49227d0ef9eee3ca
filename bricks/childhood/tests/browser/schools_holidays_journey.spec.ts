import { test } from '@japa/runner'
import { fileURLToPath } from 'node:url'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import SchoolHoliday from '../../models/school_holiday.js'
import School from '../../models/school.js'
import ActivitySession from '../../models/activity_session.js'
import { family, wednesdayActivity } from '../support.js'

const CALENDAR = fileURLToPath(
  new URL('../fixtures/calendrier-scolaire-2026-2027.csv', import.meta.url)
)

test.group(
  'Childhood: schools, school holidays and closing a session, in the browser, without JavaScript',
  () => {
    test('an admin of the service adds a school (a missing name is said first), imports the national calendar, edits an activity and closes its session; the family sees it closed', async ({
      browser,
      assert,
    }) => {
      const { user } = await family('fermee@example.org')
      const { activity, session } = await wednesdayActivity({ capacity: 4 })
      await createAgent({
        role: 'admin',
        email: 'admin-enfance@ville.example',
        services: ['enfance'],
      })
      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/agents/connexion'))
        await page.getByLabel('Adresse e-mail').fill('admin-enfance@ville.example')
        await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.goto(appUrl('/agents/enfance'))
        await page.getByRole('link', { name: 'Écoles' }).click()
        await expectHeading(page, 'Écoles')
        await assertAccessible(page, 'schools')
        await page.getByRole('link', { name: 'Ajouter une école' }).click()
        await assertAccessible(page, 'new school')
        await page.getByRole('button', { name: 'Enregistrer' }).click()
        await page.locator('.error-summary').waitFor()
        await assertAccessible(page, 'new school, refused')
        await page.getByLabel('Nom de l’école').fill('École élémentaire Paul Langevin')
        await page.getByLabel('Adresse').fill('2 rue Paul Langevin, 91000 Évry-Courcouronnes')
        await page.getByLabel('Classes').fill('CP A\nCP B\nCE1')
        await page.getByRole('button', { name: 'Enregistrer' }).click()
        await page.getByText('CP A, CP B, CE1').waitFor()
        await page.getByRole('link', { name: 'École élémentaire Paul Langevin' }).click()
        await expectHeading(page, 'Modifier l’école École élémentaire Paul Langevin')
        await assertAccessible(page, 'edit school')

        await page.goto(appUrl('/agents/enfance/vacances'))
        await expectHeading(page, 'Vacances scolaires')
        await assertAccessible(page, 'school holidays')
        await page.getByLabel('Fichier du calendrier scolaire').setInputFiles(CALENDAR)
        await page.getByRole('button', { name: 'Importer' }).click()
        await page.getByText('Calendrier importé pour la zone C : 5 nouvelles périodes').waitFor()
        await assertAccessible(page, 'school holidays imported')
        await page.getByRole('button', { name: 'Ajouter la période' }).click()
        await page.locator('.error-summary').waitFor()
        await assertAccessible(page, 'school holidays, period refused')

        await page.goto(appUrl(`/agents/enfance/activites/${activity.id}/seances`))
        await assertAccessible(page, 'activity and its sessions')
        await page.getByRole('link', { name: 'Modifier', exact: true }).click()
        await expectHeading(page, 'Modifier l’activité Mercredis sportifs')
        await assertAccessible(page, 'edit activity')
        await page.goto(appUrl(`/agents/enfance/sessions/${session.id}/modifier`))
        await assertAccessible(page, 'edit session')
        await page.getByLabel('Places').fill('6')
        await page.getByRole('button', { name: 'Enregistrer' }).click()
        await page.getByRole('button', { name: 'Fermer : Mercredi prochain' }).click()
        await page.getByText('La séance est fermée aux inscriptions.').waitFor()
      })
      assert.equal((await School.firstOrFail()).classes.length, 3)
      assert.lengthOf(await SchoolHoliday.all(), 5)
      const closed = await ActivitySession.findOrFail(session.id)
      assert.isTrue(closed.closed)
      assert.equal(closed.capacity, 6)

      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/connexion'))
        await page.getByLabel('Adresse e-mail').fill(user.email)
        await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.goto(appUrl('/enfance/activites'))
        await page.getByText('Fermées aux inscriptions : Mercredi prochain.').waitFor()
        await assertAccessible(page, 'activities with a closed session')
      })
    })
  }
)
