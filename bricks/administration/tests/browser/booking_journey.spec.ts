import { test } from '@japa/runner'
import ICAL from 'ical.js'
import db from '@adonisjs/lucid/services/db'
import Appointment from '#appointments/models/appointment'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import MeetingType from '#appointments/models/meeting_type'
import MeetingPoint from '#appointments/models/meeting_point'
import BookAppointment, { SlotTakenError } from '#appointments/actions/book_appointment'
import seedAdministration from '../../database/seeders/demo.js'
import { startAntsSimulator, type AntsSimulator } from '../../connectors/ants_simulator.js'
import { AntsClient } from '../../connectors/ants_client.js'
import { useAntsClient } from '../../connectors/ants.js'

let ants: AntsSimulator

test.group('ID-card appointment in the browser, without JavaScript', (group) => {
  group.setup(async () => {
    ants = await startAntsSimulator({ token: 'jeton-navigateur' })
    useAntsClient(new AntsClient({ baseUrl: ants.url, token: ants.token }))
    return async () => {
      useAntsClient(null)
      await ants.stop()
    }
  })
  group.each.setup(() => {
    ants.reset()
    mailbox.clear()
  })

  test('two persons book with two valid numbers, read the .ics, move through the mail’s link, then cancel; ANTS saw each change', async ({
    browser,
    assert,
  }) => {
    await db.transaction((trx) => seedAdministration({ trx }))
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/formalites'))
      await assertAccessible(page, 'formalities home')
      await page.getByRole('link', { name: 'Rendez-vous carte d’identité ou passeport' }).click()
      await expectHeading(page, 'Rendez-vous carte d’identité ou passeport')
      await assertAccessible(page, 'booking start')
      await page.getByLabel('Carte d’identité', { exact: true }).check()
      await page.getByLabel('Nombre de personnes').selectOption('2')
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Numéros de pré-demande')
      // A consumed number and an unknown one: each refused with its own message.
      await page.getByLabel('Numéro de pré-demande — personne 1').fill('C123456789')
      await page.getByLabel('Numéro de pré-demande — personne 2').fill('X123456789')
      await page.getByRole('button', { name: 'Vérifier les numéros' }).click()
      await page.locator('.error-summary').getByText('déjà servi pour un dépôt').waitFor()
      await page.locator('.error-summary').getByText('ne connaît pas ce numéro').waitFor()
      await assertAccessible(page, 'numbers with errors')

      // A number with an appointment declared by another city: shown, with its link, and refused.
      ants.addAppointment({
        application_id: 'AA11223344',
        meeting_point: 'Mairie de Corbeil-Essonnes',
        meeting_point_id: '7',
        appointment_date: '2026-12-10T10:15:00',
        management_url: 'https://autre-editeur.example/rdv/55',
      })
      await page.getByLabel('Numéro de pré-demande — personne 1').fill('AA11223344')
      await page.getByLabel('Numéro de pré-demande — personne 2').fill('1122334455')
      await page.getByRole('button', { name: 'Vérifier les numéros' }).click()
      await page.getByRole('link', { name: 'Gérer ce rendez-vous' }).waitFor()
      await page.locator('.error-summary').getByText('Mairie de Corbeil-Essonnes').waitFor()
      ants.reset() // forget the other city's appointment: what follows counts ours only

      // ANTS down: blocked with a clear message, nothing booked.
      ants.down = true
      await page.getByLabel('Numéro de pré-demande — personne 1').fill('ab12cd34ef')
      await page.getByRole('button', { name: 'Vérifier les numéros' }).click()
      await page.getByText('Le service de l’ANTS ne répond pas').waitFor()
      await assertAccessible(page, 'ANTS down')
      assert.lengthOf(await Appointment.all(), 0)
      ants.down = false

      await page.getByLabel('Numéro de pré-demande — personne 1').fill('ab12cd34ef')
      await page.getByLabel('Numéro de pré-demande — personne 2').fill('1122334455')
      await page.getByRole('button', { name: 'Vérifier les numéros' }).click()

      await expectHeading(page, 'Choisir un créneau')
      await assertAccessible(page, 'slot picker')
      await page.getByLabel('Lieu').selectOption({ label: 'Mairie annexe de Courcouronnes' })
      await page.getByRole('button', { name: 'Voir ce lieu' }).click()
      // A slot of the week after the first one offered is more than a day away
      // whatever day and hour the test runs, so the mail's link may still move it
      // (the type's change deadline is 24 hours before the appointment).
      await page.getByRole('link', { name: 'Semaine suivante' }).click()
      await page.locator('.slot-picker input[type=radio]').first().check()
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Vos coordonnées')
      await assertAccessible(page, 'contact details')
      await page.getByLabel('Prénom').fill('Samia')
      await page.getByLabel('Nom', { exact: true }).fill('Belkacem')
      await page.getByLabel('Adresse e-mail').fill('samia@example.org')
      await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()

      await expectHeading(page, 'Mon rendez-vous')
      await page.getByText('Votre rendez-vous est confirmé').waitFor()
      await assertAccessible(page, 'appointment page')
      const appointment = await Appointment.firstOrFail()
      assert.equal(appointment.persons, 2)
      assert.isAbove(
        appointment.startsAt.diff(clock.now(), 'hours').hours,
        24,
        'booked beyond the change deadline'
      )
      assert.equal(appointment.endsAt.diff(appointment.startsAt, 'minutes').minutes, 30)

      const mail = await mailbox.waitFor('samia@example.org', /Rendez-vous confirmé/)
      const ics = mail.attachments.find((attachment) => attachment.filename === 'rendez-vous.ics')!
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!
      )
      assert.equal(event.startDate.toJSDate().getTime(), appointment.startsAt.toMillis())
      assert.equal(event.endDate.toJSDate().getTime(), appointment.endsAt.toMillis())
      assert.include(event.location, 'Mairie annexe de Courcouronnes')
      await mailbox.deliver()
      assert.sameMembers(
        ants.appointments().map((entry) => entry.application_id),
        ['AB12CD34EF', '1122334455']
      )
      const declaredAt = ants.appointments()[0].appointment_date

      // A fresh browser, as from the mail: the signed link is enough.
      await page.context().clearCookies()
      await page.goto(mailbox.linkIn(mail, `/rendez-vous/${appointment.id}`))
      await expectHeading(page, 'Mon rendez-vous')
      await page.getByRole('link', { name: 'Déplacer le rendez-vous' }).click()
      await expectHeading(page, 'Déplacer le rendez-vous')
      await assertAccessible(page, 'move')
      await page.getByRole('link', { name: 'Semaine suivante' }).click()
      await page.locator('.slot-picker input[type=radio]').first().check()
      await page.getByRole('button', { name: 'Déplacer à ce créneau' }).click()
      await page.getByText('Votre rendez-vous a été déplacé').waitFor()
      await appointment.refresh()
      await mailbox.waitFor('samia@example.org', /Rendez-vous déplacé/)
      await mailbox.deliver()
      assert.lengthOf(ants.appointments(), 2)
      assert.notEqual(ants.appointments()[0].appointment_date, declaredAt)
      assert.equal(
        ants.appointments()[0].appointment_date,
        appointment.startsAt.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm:ss")
      )

      await page.getByRole('link', { name: 'Annuler le rendez-vous' }).click()
      await assertAccessible(page, 'cancel confirmation')
      await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click()
      await page.getByText('Votre rendez-vous est annulé.').first().waitFor()
      await mailbox.waitFor('samia@example.org', /annulé/)
      await mailbox.deliver()
      assert.lengthOf(ants.appointments(), 0)
      const methods = ants.requests.map((request) => `${request.method} ${request.path}`)
      assert.includeMembers(methods, [
        'GET /api/status',
        'POST /api/appointments',
        'DELETE /api/appointments',
      ])

      await page.goto(appUrl('/formalites/demarches-nationales'))
      await assertAccessible(page, 'national procedures')
      await page.goto(appUrl('/formalites/retrait-titre'))
      await assertAccessible(page, 'pick-up start')
    })
  })

  test('a logged-in resident who loses the race for a pick-up slot takes the next one and finds it in their space', async ({
    browser,
    assert,
  }) => {
    await db.transaction((trx) => seedAdministration({ trx }))
    const resident = await createResident({ email: 'retrait@example.org', firstName: 'Noé' })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('retrait@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/formalites/retrait-titre'))
      await page.getByRole('button', { name: 'Choisir un créneau' }).click()
      await expectHeading(page, 'Choisir un créneau')
      const radio = page.locator('.slot-picker input[type=radio]').first()
      const chosen = await radio.getAttribute('value')
      await radio.check()
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vos coordonnées')
      assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), 'retrait@example.org')

      // Someone else books the same slot at every desk open then (on a
      // Saturday morning only one desk is), until it is full.
      const type = await MeetingType.findByOrFail('key', 'administration_retrait')
      const point = await MeetingPoint.findByOrFail('name', 'Hôtel de ville — État civil')
      let taken = 0
      for (let desk = 0; desk < point.desks; desk++) {
        try {
          await new BookAppointment().handle({
            meetingPointId: point.id,
            meetingTypeId: type.id,
            persons: 1,
            start: DateTime.fromISO(chosen!, { zone: 'utc' }),
            applicant: {
              userId: null,
              firstName: 'Autre',
              lastName: 'Personne',
              email: null,
              phone: null,
            },
          })
          taken++
        } catch (error) {
          if (!(error instanceof SlotTakenError)) throw error
          break
        }
      }
      assert.isAbove(taken, 0)
      await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
      await expectHeading(page, 'Ce créneau vient d’être pris')
      await assertAccessible(page, 'slot just taken')
      await page.getByRole('button', { name: 'Réserver ce créneau' }).click()
      await expectHeading(page, 'Vos coordonnées')
      await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
      await expectHeading(page, 'Mon rendez-vous')
      await page.goto(appUrl('/mon-espace/rendez-vous'))
      await expectHeading(page, 'Mes rendez-vous')
      await assertAccessible(page, 'my appointments')
      await page.goto(appUrl('/mon-espace'))
      await page.getByText('Votre prochain rendez-vous :').waitFor()
      await assertAccessible(page, 'my space with the next appointment')
    })
    const mine = await Appointment.query().where('userId', resident.id)
    assert.lengthOf(mine, 1)
  })

  test('with JavaScript, htmx swaps the week in place: no page load, the address follows', async ({
    browser,
    assert,
  }) => {
    await db.transaction((trx) => seedAdministration({ trx }))
    const context = await browser.newContext({ locale: 'fr-FR' })
    try {
      const page = await context.newPage()
      await page.goto(appUrl('/formalites/retrait-titre'))
      await page.getByRole('button', { name: 'Choisir un créneau' }).click()
      await expectHeading(page, 'Choisir un créneau')
      const before = await page.locator('.slot-picker__week').textContent()
      await page.evaluate('window.stayed = true')
      await page.getByRole('link', { name: 'Semaine suivante' }).click()
      await page.waitForURL(/semaine=/)
      await page.waitForFunction(
        `document.querySelector('.slot-picker__week')?.textContent !== ${JSON.stringify(before)}`
      )
      assert.isTrue(await page.evaluate('window.stayed === true'), 'the page was not reloaded')
      await page.locator('.slot-picker input[type=radio]').first().check()
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vos coordonnées')
    } finally {
      await context.close()
    }
  })

  test('the agents’ agenda pages are accessible: day, week, printable list, booking at the counter, cancellation, settings', async ({
    browser,
  }) => {
    await db.transaction((trx) => seedAdministration({ trx }))
    await createAgent({
      role: 'supervisor',
      email: 'etatcivil@ville.example',
      services: ['etat_civil'],
      permissions: ['administration.settings.manage'],
    })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('etatcivil@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/formalites/reserver'))
      await expectHeading(page, 'Prendre un rendez-vous pour un usager')
      await assertAccessible(page, 'counter booking')
      await page.getByLabel('Lieu').selectOption({ label: 'Mairie annexe de Courcouronnes' })
      await page.getByRole('button', { name: 'Afficher' }).click()
      await page.locator('.slot-picker input[type=radio]').first().check()
      await page.getByLabel('Par téléphone').check()
      await page.getByLabel('Prénom').fill('Jules')
      await page.getByLabel('Nom', { exact: true }).fill('Verne')
      await page.getByLabel('Numéro de pré-demande — personne 1').fill('AB12CD34EF')
      await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
      await page.getByText('Le rendez-vous est enregistré.').waitFor()
      await expectHeading(page, 'Agenda de l’état civil')
      await assertAccessible(page, 'day agenda')
      await page.getByRole('link', { name: 'Vue semaine' }).click()
      await assertAccessible(page, 'week agenda')
      await page.goBack()
      await page.getByRole('link', { name: 'Imprimer la liste du jour' }).click()
      await page.getByText('VERNE Jules').waitFor()
      await assertAccessible(page, 'printable list')
      await page.goBack()
      await page.getByRole('link', { name: 'Annuler : Jules Verne' }).click()
      await assertAccessible(page, 'agent cancellation')
      await page.getByLabel('Motif, communiqué à la personne').fill('Fermeture exceptionnelle')
      await page.getByRole('button', { name: 'Annuler le rendez-vous' }).click()
      await page.getByText('Le rendez-vous est annulé et la personne prévenue.').waitFor()
      await page.goto(appUrl('/agents/formalites/reglages'))
      await assertAccessible(page, 'settings')
    })
  })
})
