import { test } from '@japa/runner'
import Invoice from '#payments/models/invoice'
import InvoiceLine from '#payments/models/invoice_line'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import { Worker } from '#jobs/worker'
import Registration from '../../models/registration.js'
import CanteenRegistration from '../../models/canteen_registration.js'
import Quotient from '../../models/quotient.js'
import { canteenDays, invoiceCanteenMonth } from '../../services/canteen.js'
import { family, wednesdayActivity } from '../support.js'
import type { PayfipSimulator } from '#payments/providers/payfip_simulator'
import { clock } from '#core/clock'

let payfip: PayfipSimulator | null = null

test.group('Childhood: registrations', (group) => {
  group.each.setup(() => mailbox.clear())

  test('the last place goes to the first child, the second waits at position 1 and is promoted when the first cancels; the family is told', async ({
    client,
    assert,
  }) => {
    const { user, ines, tom } = await family('promotion@example.org')
    const { session } = await wednesdayActivity({ capacity: 1 })
    const register = (childId: number) =>
      client
        .post('/enfance/inscriptions')
        .form({ child: String(childId), session: String(session.id) })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    await register(ines.id)
    await register(tom.id)
    const first = await Registration.findByOrFail('householdMemberId', ines.id)
    const second = await Registration.findByOrFail('householdMemberId', tom.id)
    assert.equal(first.status, 'placed')
    assert.equal(second.status, 'waiting')
    const page = await client.get('/enfance').withGuard('web').loginAs(user)
    page.assertTextIncludes('Liste d’attente : position 1')
    await client
      .post(`/enfance/inscriptions/${first.id}/annuler`)
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    await second.refresh()
    assert.equal(second.status, 'placed')
    const mail = await mailbox.waitFor('promotion@example.org', /place s’est libérée pour Tom/)
    assert.include(mail.text!, 'Mercredis sportifs')
  })

  test('outside the opening dates, too young, or twice for the same session: refused with a clear message', async ({
    client,
    assert,
  }) => {
    const { user, ines, tom } = await family()
    const closed = await wednesdayActivity({ opensOn: clock.now().plus({ days: 3 }).toISODate()! })
    const older = await wednesdayActivity({ minAge: 7, capacity: 5 })
    const post = (childId: number, sessionId: number) =>
      client
        .post('/enfance/inscriptions')
        .form({ child: String(childId), session: String(sessionId) })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    assert.equal(
      inputErrors(await post(ines.id, closed.session.id)).child[0],
      'Les inscriptions à cette activité ne sont pas ouvertes à cette date'
    )
    assert.equal(
      inputErrors(await post(tom.id, older.session.id)).child[0],
      'Votre enfant n’a pas encore l’âge requis pour cette activité'
    )
    await post(ines.id, older.session.id)
    assert.equal(
      inputErrors(await post(ines.id, older.session.id)).child[0],
      'Votre enfant est déjà inscrit à cette séance'
    )
    assert.lengthOf(await Registration.all(), 1)
  })

  test('ten families racing for three places: three placed, seven waiting in order', async ({
    assert,
  }) => {
    const { session } = await wednesdayActivity({ capacity: 3 })
    const { registerChild } = await import('../../services/registrations.js')
    const families = await Promise.all(
      Array.from({ length: 10 }, (_, index) => family(`course${index}@example.org`))
    )
    await Promise.all(
      families.map(({ user, ines }) =>
        registerChild({ sessionId: session.id, childId: ines.id, user })
      )
    )
    const rows = await Registration.query().where('sessionId', session.id)
    assert.lengthOf(
      rows.filter((row) => row.status === 'placed'),
      3
    )
    assert.lengthOf(
      rows.filter((row) => row.status === 'waiting'),
      7
    )
  })
})

test.group('Childhood: canteen and invoices', (group) => {
  group.each.setup(() => mailbox.clear())

  test('a year’s canteen registration gives the month’s invoice at the family’s band, with the days eaten minus absences', async ({
    client,
    assert,
  }) => {
    // Early December 2026: the family registers for the school year 2026–2027, then November is invoiced.
    clock.travelTo('2026-12-02T10:00')
    const { user, ines } = await family('cantine@example.org')
    await client
      .post('/enfance/cantine')
      .form({ 'child': String(ines.id), 'days[]': ['1', '2', '4', '5'] })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    const registration = await CanteenRegistration.findByOrFail('householdMemberId', ines.id)
    await Quotient.create({
      userId: user.id,
      value: 650,
      documentKey: null,
      documentName: null,
      status: 'validated',
    })
    const month = '2026-11'
    // November 2026: Mondays, Tuesdays, Thursdays and Fridays = 17 days; 11 November (a Wednesday) is not one of them.
    assert.lengthOf(canteenDays(registration, month), 17)
    registration.absences = ['2026-11-05', '2026-11-06']
    await registration.save()
    const agent = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.invoicing.run'],
    })
    await client
      .post('/agents/enfance/cantine/factures')
      .form({ mois: month })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    assert.lengthOf(await Invoice.all(), 0, 'the run is a job, not the request')
    await new Worker().drain()
    const invoice = await Invoice.query().where('payerUserId', user.id).firstOrFail()
    const lines = await InvoiceLine.query().where('invoiceId', invoice.id)
    assert.lengthOf(lines, 1)
    assert.equal(lines[0].quantity, 15)
    assert.equal(lines[0].unitCents, 285)
    assert.include(lines[0].label, 'tranche B')
    assert.equal(invoice.amountCents, 15 * 285)
    await mailbox.waitFor('cantine@example.org', /Nouvelle facture/)
    const again = await invoiceCanteenMonth(month)
    assert.deepEqual(again, { issued: 0, skipped: 1, families: 1 })
  })

  test('without a validated quotient, the highest band applies', async ({ assert }) => {
    const { user, ines } = await family()
    await CanteenRegistration.create({
      householdMemberId: ines.id,
      userId: user.id,
      schoolYear: '2026-2027',
      days: '1',
      status: 'active',
      absences: [],
    })
    await Quotient.create({
      userId: user.id,
      value: 300,
      documentKey: null,
      documentName: null,
      status: 'pending',
    })
    await invoiceCanteenMonth('2026-12')
    const line = await InvoiceLine.firstOrFail()
    assert.equal(line.unitCents, 450)
  })

  test('an agent of another service sees no child, registration or invoice; resident B sees none of A’s', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await family()
    const { session } = await wednesdayActivity()
    await client
      .post('/enfance/inscriptions')
      .form({ child: String(ines.id), session: String(session.id) })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    const registration = await Registration.firstOrFail()
    const police = await createAgent({ services: ['police_municipale'] })
    for (const path of [
      '/agents/enfance',
      `/agents/enfance/sessions/${session.id}`,
      `/agents/enfance/sessions/${session.id}/presences.csv`,
      '/agents/enfance/enfants',
      '/agents/enfance/quotients',
      '/agents/enfance/cantine',
    ]) {
      assert.equal((await client.get(path).withGuard('agent').loginAs(police)).status(), 404, path)
    }
    ;(
      await client
        .post(`/agents/enfance/inscriptions/${registration.id}/decision`)
        .form({ decision: 'refuse' })
        .withGuard('agent')
        .loginAs(police)
        .withCsrfToken()
    ).assertStatus(404)
    await registration.refresh()
    assert.equal(registration.status, 'placed')

    const other = await family()
    const page = await client.get('/enfance').withGuard('web').loginAs(other.user)
    assert.notInclude(page.text(), `/enfance/inscriptions/${registration.id}/annuler`)
    assert.notInclude(page.text(), 'Mercredis sportifs')
    ;(
      await client
        .get(`/enfance/inscriptions/${registration.id}/annuler`)
        .withGuard('web')
        .loginAs(other.user)
    ).assertStatus(404)
    const stolen = await client
      .post('/enfance/inscriptions')
      .form({ child: String(ines.id), session: String(session.id) })
      .withGuard('web')
      .loginAs(other.user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(stolen).child[0], 'Choisissez un enfant de votre foyer')
  })

  test('the agent’s attendance list exports as CSV with accents and semicolons', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await family()
    const { session } = await wednesdayActivity()
    await client
      .post('/enfance/inscriptions')
      .form({ child: String(ines.id), session: String(session.id) })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    const agent = await createAgent({ services: ['enfance'] })
    const registration = await Registration.firstOrFail()
    await client
      .post(`/agents/enfance/sessions/${session.id}/presences`)
      .form({ 'day': session.startsOn, 'present[]': String(registration.id) })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    const csv = await client
      .get(`/agents/enfance/sessions/${session.id}/presences.csv`)
      .withGuard('agent')
      .loginAs(agent)
    const bytes = Buffer.from(csv.text(), 'utf8')
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.include(csv.text(), 'Martin;Inès;8;Sofia Martin')
    assert.include(csv.text(), 'présent')
  })
})

test.group('Childhood: a canteen invoice paid online', (group) => {
  group.setup(async () => {
    const { startPayfipSimulator } = await import('#payments/providers/payfip_simulator')
    const { PayfipClient } = await import('#payments/providers/payfip_client')
    const { usePayfip } = await import('#payments/providers/index')
    const simulator = await startPayfipSimulator()
    usePayfip(
      new PayfipClient({
        serviceUrl: simulator.serviceUrl,
        paymentPageUrl: simulator.paymentPageUrl,
        numcli: '000000',
        saisie: 'T',
      })
    )
    payfip = simulator
    return async () => {
      usePayfip(null)
      await simulator.stop()
    }
  })

  test('registered for the year, invoiced for the month at band C, paid through the simulator: paid once, receipt available', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-02T10:00')
    const { user, ines, tom } = await family('paiement@example.org')
    await client
      .post('/enfance/cantine')
      .form({ 'child': String(ines.id), 'days[]': ['1', '2', '4', '5'] })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    await client
      .post('/enfance/cantine')
      .form({ 'child': String(tom.id), 'days[]': ['4', '5'] })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    await Quotient.create({
      userId: user.id,
      value: 1100,
      documentKey: null,
      documentName: null,
      status: 'validated',
    })
    await invoiceCanteenMonth('2026-11')
    const invoice = await Invoice.query().where('payerUserId', user.id).firstOrFail()
    // November 2026: 17 days for Inès (Mon, Tue, Thu, Fri), 8 for Tom (Thu, Fri), at 3,80 € (band C).
    assert.equal(invoice.amountCents, (17 + 8) * 380)

    const { startPayment } = await import('#payments/actions/start_payment')
    const { payment } = await startPayment(invoice, user.email)
    await payfip!.settle(payment.operationId!, 'P')
    await client.get(`/paiement/retour?idop=${payment.operationId}`)
    await invoice.refresh()
    assert.equal(invoice.status, 'paid')
    const page = await client
      .get(`/mon-espace/factures/${invoice.id}`)
      .withGuard('web')
      .loginAs(user)
    assert.equal(page.text().split('recu.pdf').length - 1, 1, 'one paid payment in the history')
    const receipt = await client
      .get(`/mon-espace/factures/${invoice.id}/paiements/${payment.id}/recu.pdf`)
      .withGuard('web')
      .loginAs(user)
    receipt.assertStatus(200)
    assert.include((receipt.body() as Buffer).toString('latin1'), invoice.number)
    await mailbox.waitFor('paiement@example.org', /Reçu de paiement/)
  })
})

test.group('Childhood: the service checks families’ papers', () => {
  test('an agent validates a quotient (the band follows) and verifies a child with school and class', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await family()
    const quotient = await Quotient.create({
      userId: user.id,
      value: 380,
      documentKey: null,
      documentName: null,
      status: 'pending',
    })
    const { familyBand } = await import('../../services/bands.js')
    assert.equal(await familyBand(user.id), 'D')
    const agent = await createAgent({ services: ['enfance'] })
    await client
      .post(`/agents/enfance/quotients/${quotient.id}`)
      .form({ decision: 'validate' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    assert.equal(await familyBand(user.id), 'A')
    const School = (await import('../../models/school.js')).default
    const ChildRecord = (await import('../../models/child_record.js')).default
    const school = await School.create({ name: 'École Jules Ferry', address: null })
    await client
      .post(`/agents/enfance/enfants/${ines.id}`)
      .form({ school: String(school.id), className: 'CE2', verified: '1' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    const record = await ChildRecord.findByOrFail('householdMemberId', ines.id)
    assert.equal(record.className, 'CE2')
    assert.equal(record.verifiedBy, agent.id)
    assert.isNotNull(record.verifiedAt)
  })
})

test.group('Childhood: invoicing run', () => {
  test('mails go out through jobs, one per new invoice', async ({ assert }) => {
    const { user, ines, tom } = await family('deuxenfants@example.org')
    await CanteenRegistration.create({
      householdMemberId: ines.id,
      userId: user.id,
      schoolYear: '2026-2027',
      days: '1,2,4,5',
      status: 'active',
      absences: [],
    })
    await CanteenRegistration.create({
      householdMemberId: tom.id,
      userId: user.id,
      schoolYear: '2026-2027',
      days: '1,2',
      status: 'active',
      absences: [],
    })
    const result = await invoiceCanteenMonth('2026-12')
    assert.deepEqual(result, { issued: 1, skipped: 0, families: 1 })
    await new Worker().drain()
    // The SMTP server receives the mail a moment after the worker hands it over.
    await mailbox.waitFor('deuxenfants@example.org', /Nouvelle facture/)
    assert.lengthOf(
      mailbox
        .for('deuxenfants@example.org')
        .filter((mail) => /Nouvelle facture/.test(mail.subject ?? '')),
      1
    )
    assert.lengthOf(await InvoiceLine.all(), 2)
  })
})

test.group('Childhood: the service sets up its activities', () => {
  test('an agent creates an activity with prices typed the French way, then a session; bad input is refused', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['enfance'] })
    const Activity = (await import('../../models/activity.js')).default
    const bad = await client
      .post('/agents/enfance/activites')
      .form({
        kind: 'periscolaire',
        name: 'Théâtre',
        minAge: '9',
        maxAge: '6',
        pricing: 'session',
        priceA: '2',
        priceB: '3,5',
        priceC: 'cinq',
        priceD: '8',
        opensOn: '2026-12-01',
        closesOn: '2027-01-31',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.property(inputErrors(bad), 'priceC')
    assert.lengthOf(await Activity.all(), 0)
    await client
      .post('/agents/enfance/activites')
      .form({
        kind: 'periscolaire',
        name: 'Théâtre',
        minAge: '6',
        maxAge: '11',
        pricing: 'session',
        priceA: '2',
        priceB: '3,5',
        priceC: '5.25',
        priceD: '8',
        opensOn: '2026-12-01',
        closesOn: '2027-01-31',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    const activity = await Activity.firstOrFail()
    assert.deepEqual(activity.prices, { A: 200, B: 350, C: 525, D: 800 })
    const reversed = await client
      .post(`/agents/enfance/activites/${activity.id}/seances`)
      .form({
        label: 'Mercredi 6 janvier',
        startsOn: '2027-01-06',
        endsOn: '2027-01-05',
        capacity: '12',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(reversed).endsOn[0], 'La date de fin doit suivre la date de début')
    await client
      .post(`/agents/enfance/activites/${activity.id}/seances`)
      .form({
        label: 'Mercredi 6 janvier',
        startsOn: '2027-01-06',
        endsOn: '2027-01-06',
        capacity: '12',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    await activity.load('sessions')
    assert.lengthOf(activity.sessions, 1)
    const police = await createAgent({ services: ['police_municipale'] })
    ;(
      await client.get('/agents/enfance/activites/nouvelle').withGuard('agent').loginAs(police)
    ).assertStatus(404)
  })
})
