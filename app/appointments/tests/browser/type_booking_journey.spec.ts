import { test } from '@japa/runner'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import OpeningRange from '#appointments/models/opening_range'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import {
  createAgent,
  createResident,
  createService,
  GOOD_PASSWORD,
} from '#tests/support/factories/accounts'
import type { Page } from 'playwright-core'

async function agentLogin(page: Page, email: string) {
  await page.goto(appUrl('/agents/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group(
  'A service without a brick takes appointments, in the browser without JavaScript',
  (group) => {
    group.each.setup(() => mailbox.clear())

    test('an admin creates an urbanisme meeting type, a resident books it on its page, an agent finds and moves it', async ({
      browser,
      assert,
    }) => {
      await createService('urbanisme', 'Urbanisme')
      await createAgent({ role: 'admin', email: 'admin@ville.example', services: ['accueil'] })
      await createAgent({ email: 'urba@ville.example', services: ['urbanisme'] })
      const resident = await createResident({
        email: 'lea@example.org',
        firstName: 'Léa',
        lastName: 'Martin',
      })
      const point = await MeetingPoint.create({
        name: 'Pôle urbanisme',
        addressLine: '1 place des Droits de l’Homme',
        postalCode: '91000',
        city: 'Évry-Courcouronnes',
        serviceSlug: 'urbanisme',
        desks: 1,
        active: true,
        accessNotes: null,
        latitude: null,
        longitude: null,
      })
      await OpeningRange.createMany(
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          meetingPointId: point.id,
          desk: null,
          weekday,
          startsAt: '09:00',
          endsAt: '17:00',
        }))
      )

      await withoutJavaScript(browser, async (page) => {
        await agentLogin(page, 'admin@ville.example')
        await page.goto(appUrl('/agents/admin/agendas'))
        await page.getByRole('link', { name: 'Nouveau type de rendez-vous' }).click()
        await expectHeading(page, 'Nouveau type de rendez-vous')
        await assertAccessible(page, 'new meeting type')
        await page.getByLabel('Adresse de la page de réservation').fill('Urbanisme Permis!')
        await page.getByLabel('Libellé').fill('Conseil permis de construire')
        await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Urbanisme' })
        await page.getByLabel('Durée (minutes)').fill('30')
        await page.getByRole('button', { name: 'Enregistrer' }).click()
        await page
          .locator('.error-summary')
          .getByText('minuscules, des chiffres et des tirets')
          .waitFor()
        await assertAccessible(page, 'meeting type with errors')
        await page.getByLabel('Adresse de la page de réservation').fill('urbanisme-permis')
        await page.getByLabel('Pôle urbanisme (urbanisme)').check()
        await page.getByLabel('Liste d’attente quand tout est complet').check()
        await page.getByRole('button', { name: 'Enregistrer' }).click()
        await expectHeading(page, 'Agendas')
        await page.getByRole('link', { name: 'Conseil permis de construire' }).click()
        await page.getByRole('link', { name: '/rendez-vous/urbanisme-permis' }).waitFor()
      })

      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/connexion'))
        await page.getByLabel('Adresse e-mail').fill('lea@example.org')
        await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.goto(appUrl('/rendez-vous'))
        await expectHeading(page, 'Prendre rendez-vous')
        await assertAccessible(page, 'bookable types')
        await page.getByRole('link', { name: 'Conseil permis de construire' }).click()
        await expectHeading(page, 'Conseil permis de construire')
        await assertAccessible(page, 'type booking: slot')
        // The week after the first one: more than a day away whatever the hour, so the agent may move it.
        await page.getByRole('link', { name: 'Semaine suivante' }).click()
        await page.locator('.slot-picker input[type=radio]').first().check()
        await page.getByRole('button', { name: 'Continuer' }).click()
        await expectHeading(page, 'Vos coordonnées')
        await assertAccessible(page, 'type booking: contact')
        await page.getByLabel('Adresse e-mail').fill('')
        await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
        await page.locator('.error-summary').getByText('Adresse e-mail').waitFor()
        await page.getByLabel('Adresse e-mail').fill('lea@example.org')
        await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
        await expectHeading(page, 'Mon rendez-vous')
        await page.getByText('Votre rendez-vous est confirmé').waitFor()
        await assertAccessible(page, 'type booking: booked')
        await page.goto(appUrl('/mon-espace/liste-attente'))
        await expectHeading(page, 'Mes listes d’attente')
        await assertAccessible(page, 'my waiting lists')
      })
      const appointment = await Appointment.firstOrFail()
      assert.equal(appointment.userId, resident.id)
      assert.equal(appointment.endsAt.diff(appointment.startsAt, 'minutes').minutes, 30)
      await mailbox.waitFor('lea@example.org', /Rendez-vous confirmé/)

      await WaitingListEntry.create({
        meetingTypeId: appointment.meetingTypeId,
        meetingPointId: null,
        persons: 1,
        userId: null,
        email: 'attente@example.org',
        firstName: 'Ana',
        status: 'waiting',
      })
      await withoutJavaScript(browser, async (page) => {
        await agentLogin(page, 'urba@ville.example')
        const day = appointment.startsAt.setZone('Europe/Paris').toISODate()
        await page.goto(appUrl(`/agents/rendez-vous?jour=${day}`))
        await expectHeading(page, 'Rendez-vous')
        await assertAccessible(page, 'agents appointments list')
        await page.getByLabel('Rechercher').fill('martin')
        await page.getByRole('button', { name: 'Filtrer' }).click()
        await page.getByRole('link', { name: `RDV-${appointment.id}` }).click()
        await expectHeading(page, `Rendez-vous RDV-${appointment.id}`)
        await assertAccessible(page, 'agents appointment')
        await page.getByRole('link', { name: 'Déplacer le rendez-vous' }).click()
        await expectHeading(page, 'Déplacer le rendez-vous')
        await assertAccessible(page, 'agents move')
        await page.getByRole('link', { name: 'Semaine suivante' }).click()
        await page.locator('.slot-picker input[type=radio]').first().check()
        await page.getByRole('button', { name: 'Déplacer à ce créneau' }).click()
        await page.getByText('Le rendez-vous a été déplacé et l’usager prévenu.').waitFor()
        await page.goto(appUrl('/agents/rendez-vous/liste-attente'))
        await page.getByText('attente@example.org').waitFor()
        await assertAccessible(page, 'agents waiting list')
      })
      await mailbox.waitFor('lea@example.org', /Rendez-vous déplacé/)
      await mailbox.waitFor('attente@example.org', /Un créneau s’est libéré/)
      const bookedAt = appointment.startsAt.toMillis()
      await appointment.refresh()
      assert.notEqual(appointment.startsAt.toMillis(), bookedAt)
      assert.equal(appointment.status, 'booked')
    })
  }
)
