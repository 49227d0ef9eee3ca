import { test } from '@japa/runner'
import { inputErrors } from '#tests/support/http'
import HouseholdMember from '#accounts/models/household_member'
import { createResident } from '#tests/support/factories/accounts'
import Demand from '#demands/models/demand'
import Appointment from '#appointments/models/appointment'
import Notification from '#demands/models/notification'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { createAgenda } from '#tests/support/factories/appointments'
import { clock } from '#core/clock'

test.group('Resident space', () => {
  test('the dashboard greets the resident by name', async ({ client }) => {
    const user = await createResident({ firstName: 'Marie', lastName: 'Curie' })
    const response = await client.get('/mon-espace').withGuard('web').loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes('Bonjour Marie Curie')
  })

  test('the dashboard’s cards come from the modules: drafts to resume, next appointment, invoices to pay, unread notifications', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const draft = await Demand.create({
      procedureKey: 'nous-contacter',
      serviceSlug: 'accueil',
      state: 'draft',
      origin: 'web',
      userId: user.id,
      answers: {},
      currentStep: 0,
    })
    const filed = await Demand.create({
      reference: 'DEM-CARD-1',
      procedureKey: 'nous-contacter',
      serviceSlug: 'accueil',
      state: 'submitted',
      origin: 'web',
      userId: user.id,
      answers: {},
      currentStep: 1,
      submittedAt: clock.now(),
    })
    await Notification.create({
      userId: user.id,
      demandId: filed.id,
      kind: 'submitted',
      mailWanted: false,
    })
    const { point, type } = await createAgenda()
    const startsAt = clock.now().plus({ days: 3 }).set({ millisecond: 0 })
    const appointment = await Appointment.create({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      desk: 1,
      startsAt,
      endsAt: startsAt.plus({ minutes: 15 }),
      status: 'booked',
      persons: 1,
      userId: user.id,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      phone: null,
      details: {},
      origin: 'web',
    })
    const invoice = await issueInvoice({
      payer: { userId: user.id, name: user.fullName, email: user.email },
      serviceSlug: 'enfance',
      label: 'Cantine de novembre',
      dueOn: '2030-01-31',
      lines: [{ label: 'Repas', quantity: 2, unitCents: 450 }],
    })

    const response = await client.get('/mon-espace').withGuard('web').loginAs(user)
    const html = response.text()
    const cards = [
      '/mon-espace/demandes',
      '/mon-espace/rendez-vous',
      '/mon-espace/factures',
      '/mon-espace/notifications',
      '/mon-espace/profil',
      '/mon-espace/foyer',
    ].map((href) => html.indexOf(`<h2><a href="${href}">`))
    assert.notInclude(cards, -1)
    assert.deepEqual(
      cards,
      [...cards].sort((a, b) => a - b),
      'cards in their order'
    )
    assert.include(html, `href="/demarches/nous-contacter/${draft.id}/etape/1">Nous contacter</a>`)
    assert.include(html, `href="/rendez-vous/${appointment.id}">${type.label}</a>`)
    assert.include(
      html,
      `href="/mon-espace/factures/${invoice.id}">Cantine de novembre</a> (9,00 € avant le 31/01/2030)`
    )
    response.assertTextIncludes('1 facture à payer')
    response.assertTextIncludes('1 nouvelle notification')
  })

  test('a resident updates their profile', async ({ client, assert }) => {
    const user = await createResident()
    const response = await client
      .post('/mon-espace/profil')
      .form({
        firstName: 'Irène',
        lastName: 'Joliot',
        birthDate: '1987-09-12',
        phone: '06 12 34 56 78',
        addressLine: '1 rue de la Paix',
        postalCode: '91000',
        city: 'Évry-Courcouronnes',
        notifyByEmail: '1',
        locale: 'en',
      })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    await user.refresh()
    assert.equal(user.firstName, 'Irène')
    assert.equal(user.birthDate?.toISODate(), '1987-09-12')
    assert.equal(user.postalCode, '91000')
    assert.isTrue(user.notifyByEmail)
    assert.isFalse(user.notifyBySms)
    assert.equal(user.locale, 'en')
  })

  test('a profile with a future birth date and a bad postcode is refused', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ firstName: 'Marie' })
    const response = await client
      .post('/mon-espace/profil')
      .form({
        firstName: 'Autre',
        lastName: 'Nom',
        birthDate: '2999-01-01',
        postalCode: '9100',
        locale: 'fr',
      })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = inputErrors(response)
    assert.exists(errors.birthDate)
    assert.exists(errors.postalCode)
    await user.refresh()
    assert.equal(user.firstName, 'Marie')
  })

  test('a resident adds, edits and removes a child of their household', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const add = await client
      .post('/mon-espace/foyer')
      .form({
        kind: 'child',
        firstName: 'Léa',
        lastName: 'Curie',
        birthDate: '2017-02-08',
        school: 'École Jules Ferry',
        schoolClass: 'CM1',
      })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    add.assertStatus(303)
    const child = await HouseholdMember.findByOrFail('userId', user.id)
    assert.equal(child.kind, 'child')
    assert.equal(child.schoolClass, 'CM1')

    const list = await client.get('/mon-espace/foyer').withGuard('web').loginAs(user)
    list.assertTextIncludes('Léa Curie')

    const edit = await client
      .post(`/mon-espace/foyer/${child.id}`)
      .form({
        kind: 'child',
        firstName: 'Léa',
        lastName: 'Curie',
        schoolClass: 'CM2',
        school: 'École Jules Ferry',
      })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    edit.assertStatus(303)
    await child.refresh()
    assert.equal(child.schoolClass, 'CM2')
    assert.isNull(child.birthDate)

    const remove = await client
      .post(`/mon-espace/foyer/${child.id}/supprimer`)
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    remove.assertStatus(303)
    assert.isNull(await HouseholdMember.find(child.id))
  })

  test('resident B gets 404 on resident A’s household member and changes nothing', async ({
    client,
    assert,
  }) => {
    const alice = await createResident()
    const bob = await createResident()
    const child = await HouseholdMember.create({
      userId: alice.id,
      kind: 'child',
      firstName: 'Zoé',
      lastName: 'A',
    })
    for (const path of [
      `/mon-espace/foyer/${child.id}/modifier`,
      `/mon-espace/foyer/${child.id}/supprimer`,
    ]) {
      const response = await client.get(path).withGuard('web').loginAs(bob)
      response.assertStatus(404)
    }
    const edit = await client
      .post(`/mon-espace/foyer/${child.id}`)
      .form({ kind: 'adult', firstName: 'Pirate', lastName: 'B' })
      .withGuard('web')
      .loginAs(bob)
      .withCsrfToken()
    edit.assertStatus(404)
    const remove = await client
      .post(`/mon-espace/foyer/${child.id}/supprimer`)
      .withGuard('web')
      .loginAs(bob)
      .withCsrfToken()
    remove.assertStatus(404)
    await child.refresh()
    assert.equal(child.firstName, 'Zoé')
    const list = await client.get('/mon-espace/foyer').withGuard('web').loginAs(bob)
    assert.notInclude(list.text(), 'Zoé')
  })
})
