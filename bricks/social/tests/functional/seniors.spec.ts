import { test } from '@japa/runner'
import ActivityRegistration from '#activities/models/activity_registration'
import { activitiesEngine } from '#activities/engine'
import { clock } from '#core/clock'
import Job from '#jobs/job'
import { createAgent } from '#tests/support/factories/accounts'
import SeniorRegistration from '../../models/senior_registration.js'
import { registerSenior } from '../../actions/register_senior.js'
import cancelSeniorRegistration from '../../actions/cancel_senior_registration.js'
import { childhoodWednesday, outing, relativeWithMother, senior } from '../support.js'

const form = (session: number, extra: Record<string, string> = {}) => ({
  participant: 'moi',
  session: String(session),
  emergencyContact: 'Luc Moreau 06 12 34 56 78',
  ...extra,
})

test.group('Seniors: one activities engine with childhood', () => {
  test('a childhood registration and a seniors registration both go through the engine’s register, into the same table', async ({
    client,
    assert,
  }) => {
    const calls: string[] = []
    const original = activitiesEngine.register
    activitiesEngine.register = async (input) => {
      calls.push(input.owner)
      return original(input)
    }
    try {
      const { wednesday, parent, child } = await childhoodWednesday('parent-engine@example.org')
      const { session } = await outing()
      const grandmother = await senior('engine@example.org', 72)

      const childhood = await client
        .post('/enfance/inscriptions')
        .form({ child: String(child.id), session: String(wednesday.id) })
        .withCsrfToken()
        .loginAs(parent)
        .redirects(0)
      childhood.assertStatus(303)
      const seniors = await client
        .post('/solidarites/seniors/inscriptions')
        .header('referer', '/solidarites/seniors')
        .form(form(session.id))
        .withCsrfToken()
        .loginAs(grandmother)
        .redirects(0)
      seniors.assertStatus(303)

      assert.deepEqual(calls, ['childhood', 'social'])
      const rows = await ActivityRegistration.query()
        .whereIn('sessionId', [wednesday.id, session.id])
        .orderBy('id')
      assert.deepEqual(
        rows.map((row) => [row.owner, row.status]),
        [
          ['childhood', 'placed'],
          ['social', 'placed'],
        ]
      )
    } finally {
      activitiesEngine.register = original
    }
  })
})

test.group('Seniors: registrations', () => {
  test('a 70-year-old registers with the shuttle and a companion: two places taken, the pick-up counted for the driver', async ({
    client,
    assert,
  }) => {
    const { session } = await outing({ capacity: 3 })
    const jeanne = await senior('jeanne@example.org', 70)
    const response = await client
      .post('/solidarites/seniors/inscriptions')
      .header('referer', '/solidarites/seniors')
      .form(form(session.id, { shuttle: '1', companion: '1', pickupAddress: '3 rue des Lilas' }))
      .withCsrfToken()
      .loginAs(jeanne)
      .redirects(0)
    response.assertStatus(303)
    const registration = await ActivityRegistration.query()
      .where('sessionId', session.id)
      .firstOrFail()
    assert.equal(registration.status, 'placed')
    assert.equal(registration.seats, 2)
    const details = await SeniorRegistration.findByOrFail('registrationId', registration.id)
    assert.isTrue(details.shuttle)
    assert.equal(details.pickupAddress, '3 rue des Lilas')
    // One place left: a couple does not fit and waits; a single person would.
    const other = await senior('couple@example.org', 75, 'Henri')
    const waiting = await registerSenior(other, null, {
      sessionId: session.id,
      companion: true,
      shuttle: false,
      pickupAddress: null,
      emergencyContact: 'Voisine',
      phone: null,
    })
    assert.equal(waiting.status, 'waiting')
  })

  test('under 60, the shuttle without an address, or twice: refused with a clear message', async ({
    client,
  }) => {
    const { session } = await outing()
    const young = await senior('jeune@example.org', 52)
    const tooYoung = await client
      .post('/solidarites/seniors/inscriptions')
      .header('referer', '/solidarites/seniors')
      .form(form(session.id))
      .withCsrfToken()
      .loginAs(young)
    tooYoung.assertTextIncludes('réservées aux personnes de 60 ans et plus')
    const jeanne = await senior('deux-fois@example.org', 66)
    const noAddress = await client
      .post('/solidarites/seniors/inscriptions')
      .header('referer', '/solidarites/seniors')
      .form(form(session.id, { shuttle: '1' }))
      .withCsrfToken()
      .loginAs(jeanne)
    noAddress.assertTextIncludes('pickupAddress')
    await client
      .post('/solidarites/seniors/inscriptions')
      .header('referer', '/solidarites/seniors')
      .form(form(session.id))
      .withCsrfToken()
      .loginAs(jeanne)
    const twice = await client
      .post('/solidarites/seniors/inscriptions')
      .header('referer', '/solidarites/seniors')
      .form(form(session.id))
      .withCsrfToken()
      .loginAs(jeanne)
    twice.assertTextIncludes('déjà inscrite')
  })

  test('a relative registers their mother from their own account; another resident cannot pick her', async ({
    client,
    assert,
  }) => {
    const { session } = await outing()
    const { user, mother } = await relativeWithMother('fils@example.org')
    const response = await client
      .post('/solidarites/seniors/inscriptions')
      .header('referer', '/solidarites/seniors')
      .form(form(session.id, { participant: String(mother.id) }))
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(303)
    const registration = await ActivityRegistration.query()
      .where('sessionId', session.id)
      .firstOrFail()
    assert.equal(registration.householdMemberId, mother.id)
    assert.equal(registration.userId, user.id)
    const stranger = await senior('voisin@example.org', 80)
    const refused = await client
      .post('/solidarites/seniors/inscriptions')
      .header('referer', '/solidarites/seniors')
      .form(form(session.id, { participant: String(mother.id) }))
      .withCsrfToken()
      .loginAs(stranger)
    refused.assertTextIncludes('adulte de votre foyer')
  })

  test('the last place goes to the first, the second waits and is promoted when the first cancels; the promotion mail is queued', async ({
    client,
    assert,
  }) => {
    const { session } = await outing({ capacity: 1 })
    const first = await senior('premiere@example.org', 68)
    const second = await senior('seconde@example.org', 71, 'Rose')
    for (const who of [first, second])
      await client
        .post('/solidarites/seniors/inscriptions')
        .header('referer', '/solidarites/seniors')
        .form(form(session.id))
        .withCsrfToken()
        .loginAs(who)
    const page = await client.get('/solidarites/seniors').loginAs(second)
    page.assertTextIncludes('liste d’attente, position 1')
    const mine = await ActivityRegistration.query().where('userId', first.id).firstOrFail()
    const otherResident = await client
      .post(`/solidarites/seniors/inscriptions/${mine.id}/annuler`)
      .withCsrfToken()
      .loginAs(second)
    otherResident.assertStatus(404)
    await client
      .post(`/solidarites/seniors/inscriptions/${mine.id}/annuler`)
      .withCsrfToken()
      .loginAs(first)
    const promoted = await ActivityRegistration.query().where('userId', second.id).firstOrFail()
    assert.equal(promoted.status, 'placed')
    const mails = await Job.query().where('name', 'send_mail').orderBy('id', 'desc').limit(5)
    assert.isTrue(
      mails.some(
        (job) =>
          job.payload.includes('seconde@example.org') &&
          job.payload.includes('Une place s’est libérée pour Rose Moreau')
      )
    )
  })
})

test.group('Seniors: the social service', () => {
  test('an agent sees the lists with emergency contacts and the shuttle round, registers someone at the counter, records attendance and exports; an agent of another service gets 404', async ({
    client,
    assert,
  }) => {
    const { session } = await outing({ capacity: 5 })
    const jeanne = await senior('liste@example.org', 70)
    await registerSenior(jeanne, null, {
      sessionId: session.id,
      companion: false,
      shuttle: true,
      pickupAddress: '12 avenue Foch',
      emergencyContact: 'Luc Moreau 06 12 34 56 78',
      phone: null,
    })
    const agent = await createAgent({
      services: ['solidarites'],
      permissions: ['social.seniors.manage'],
    })
    const counter = await client
      .post('/agents/solidarites/seniors/inscriptions')
      .form({
        session: String(session.id),
        name: 'Marcel Dupont',
        retirementChecked: '1',
        emergencyContact: 'Fille : 06 98 76 54 32',
        shuttle: '1',
        pickupAddress: '5 rue Haute',
      })
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    counter.assertStatus(303)
    const page = await client
      .get(`/agents/solidarites/seniors/seances/${session.id}`)
      .withGuard('agent')
      .loginAs(agent)
    page.assertStatus(200)
    page.assertTextIncludes('Luc Moreau 06 12 34 56 78')
    page.assertTextIncludes('Marcel Dupont')
    page.assertTextIncludes('Navette : 2 places')
    const marcel = await SeniorRegistration.findByOrFail('participantName', 'Marcel Dupont')
    await client
      .post(`/agents/solidarites/seniors/inscriptions/${marcel.registrationId}/ramassage`)
      .form({ order: '1' })
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
    const print = await client
      .get(`/agents/solidarites/seniors/seances/${session.id}/imprimer`)
      .withGuard('agent')
      .loginAs(agent)
    const text = print.text()
    assert.isBelow(text.indexOf('5 rue Haute'), text.indexOf('12 avenue Foch'))
    const attendance = await client
      .post(`/agents/solidarites/seniors/seances/${session.id}/presences`)
      .form({ 'day': session.startsOn, 'present[]': String(marcel.registrationId) })
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    attendance.assertStatus(303)
    const csv = await client
      .get(`/agents/solidarites/seniors/seances/${session.id}/participants.csv`)
      .withGuard('agent')
      .loginAs(agent)
    csv.assertStatus(200)
    assert.include(csv.text(), 'Marcel Dupont;')
    assert.match(csv.text(), /Marcel Dupont;.*;oui\r?\n/)
    const other = await createAgent({ services: ['autre_service'] })
    const refused = await client
      .get(`/agents/solidarites/seniors/seances/${session.id}`)
      .withGuard('agent')
      .loginAs(other)
    refused.assertStatus(404)
  })

  test('an agent builds a season’s programme: the new outing is offered to residents', async ({
    client,
  }) => {
    const agent = await createAgent({
      services: ['solidarites'],
      permissions: ['social.seniors.manage'],
    })
    const today = clock.local()
    const created = await client
      .post('/agents/solidarites/seniors/activites')
      .form({
        kind: 'atelier',
        name: 'Atelier mémoire',
        season: '2026-2027',
        opensOn: today.minus({ days: 1 }).toISODate()!,
        closesOn: today.plus({ days: 20 }).toISODate()!,
        priceA: '2',
        priceB: '3,50',
        priceC: '5',
        priceD: '6',
        sessionLabel: 'Mardi matin',
        sessionOn: today.plus({ days: 21 }).toISODate()!,
        sessionAt: '10:00',
        capacity: '12',
      })
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    created.assertStatus(303)
    const programme = await client
      .get('/agents/solidarites/seniors?saison=2026-2027')
      .withGuard('agent')
      .loginAs(agent)
    programme.assertTextIncludes('Atelier mémoire')
    const resident = await senior('atelier@example.org', 64)
    const offered = await client.get('/solidarites/seniors').loginAs(resident)
    offered.assertTextIncludes('Atelier mémoire')
    offered.assertTextIncludes('3,50')
  })

  test('two days before, whoever registered someone with a place gets a reminder with the shuttle address', async ({
    assert,
  }) => {
    const { session } = await outing()
    const jeanne = await senior('rappel@example.org', 70)
    await registerSenior(jeanne, null, {
      sessionId: session.id,
      companion: false,
      shuttle: true,
      pickupAddress: '8 place Verte',
      emergencyContact: 'Luc',
      phone: null,
    })
    const { seniorsRemindersJob } = await import('../../jobs/seniors_reminders.js')
    await seniorsRemindersJob.handle(
      {},
      {
        jobId: 0,
        attempt: 1,
        idempotencyKey: 'test',
        now: clock.now().plus({ days: 8 }),
      }
    )
    const mails = await Job.query().where('name', 'send_mail').orderBy('id', 'desc').limit(3)
    const reminder = mails.find((job) => job.payload.includes('rappel@example.org'))
    assert.exists(reminder)
    assert.include(reminder!.payload, '8 place Verte')
  })

  test('a cancellation by an agent promotes the first waiting too', async ({ assert }) => {
    const { session } = await outing({ capacity: 1 })
    const a = await senior('a-agent@example.org', 70)
    const b = await senior('b-agent@example.org', 70, 'Berthe')
    const choices = {
      sessionId: session.id,
      companion: false,
      shuttle: false,
      pickupAddress: null,
      emergencyContact: 'Luc',
      phone: null,
    }
    const first = await registerSenior(a, null, choices)
    await registerSenior(b, null, choices)
    const { promoted } = await cancelSeniorRegistration(first.id)
    assert.equal(promoted.length, 1)
    assert.equal(promoted[0].userId, b.id)
  })
})
