import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import AuditEntry from '#accounts/models/audit_entry'
import User from '#accounts/models/user'
import db from '@adonisjs/lucid/services/db'
import SendVerificationMail from '#accounts/actions/send_verification_mail'
import RegisterPostalResident from '#mediation/actions/register_postal_resident'
import { clock } from '#core/clock'
import Demand from '#demands/models/demand'
import { allProcedures, ownerOf } from '#demands/procedures/registry'
import modules from '#core/services/modules'
import { createResident } from '#tests/support/factories/accounts'
import { FILES } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'
import Mandate from '#mediation/models/mandate'
import MediationAction from '#mediation/models/mediation_action'
import { ACTING_KEY } from '#mediation/services/acting'
import { actingSession, createMediator, giveMandate } from '#mediation/tests/support'
import type { ApiClient } from '@japa/api-client'
import type Agent from '#accounts/models/agent'

/** A mediator records a paper mandate at the desk (the scan given as [bytes, file name], or none). */
function postPaperMandate(
  client: ApiClient,
  mediator: Agent,
  fields: { resident: string; months: string; scan?: [Buffer, string] }
) {
  const request = client
    .post('/agents/mediation/mandats')
    .field('resident', fields.resident)
    .field('scope[]', 'demands')
    .field('months', fields.months)
  if (fields.scan) request.file('scan', fields.scan[0], { filename: fields.scan[1] })
  return request.withGuard('agent').loginAs(mediator).withCsrfToken().redirects(0)
}

test.group('Mediation: mandates', () => {
  test('a resident cannot give a mandate for more than 12 months: refused with a French message, nothing saved', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const mediator = await createMediator()
    const response = await client
      .post('/mon-espace/mandats')
      .form({ mediator: mediator.id, scope: ['demands'], months: 13 })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(inputErrors(response).months, [
      'Un mandat dure au plus 12 mois : la durée doit être de 12 mois ou moins',
    ])
    assert.lengthOf(await Mandate.all(), 0)

    const twelve = await client
      .post('/mon-espace/mandats')
      .form({ mediator: mediator.id, scope: ['demands'], months: 12 })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    twelve.assertStatus(303)
    const mandate = await Mandate.firstOrFail()
    assert.equal(mandate.channel, 'online')
    assert.deepEqual(mandate.scope, ['demands'])
    assert.equal(mandate.endsAt.toISODate(), mandate.startsAt.plus({ months: 12 }).toISODate())
  })

  test('a scope the portal does not offer and an agent who is no mediator are refused', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const mediator = await createMediator()
    const forged = await client
      .post('/mon-espace/mandats')
      .form({ mediator: mediator.id, scope: ['payroll'], months: 3 })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(forged).scope, ['Choisissez parmi les domaines proposés'])
    const { createAgent } = await import('#tests/support/factories/accounts')
    const clerk = await createAgent({ services: ['accueil'] })
    const notMediator = await client
      .post('/mon-espace/mandats')
      .form({ mediator: clerk.id, scope: ['demands'], months: 3 })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(notMediator).mediator, ['Choisissez un des médiateurs proposés'])
    assert.lengthOf(await Mandate.all(), 0)
  })

  test('a paper mandate is recorded with its scan, stored under a random name with the extension of what it is; a disguised program is refused', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'guichet@example.org' })
    const mediator = await createMediator()
    const disguised = await postPaperMandate(client, mediator, {
      resident: 'guichet@example.org',
      months: '6',
      scan: [FILES.exe, 'mandat.pdf'],
    })
    assert.deepEqual(inputErrors(disguised).scan, [
      'Le fichier « mandat.pdf » n’est pas au bon format : seuls les fichiers PDF, JPEG, PNG sont acceptés',
    ])
    const missing = await postPaperMandate(client, mediator, {
      resident: 'guichet@example.org',
      months: '6',
    })
    assert.deepEqual(inputErrors(missing).scan, ['Joignez le mandat signé, numérisé'])
    assert.lengthOf(await Mandate.all(), 0)

    const recorded = await postPaperMandate(client, mediator, {
      resident: 'guichet@example.org',
      months: '6',
      scan: [FILES.pdf, 'mandat signé.html'],
    })
    recorded.assertStatus(303)
    recorded.assertHeader('location', '/agents/mediation')
    const mandate = await Mandate.firstOrFail()
    assert.equal(mandate.channel, 'paper')
    assert.equal(mandate.userId, user.id)
    assert.equal(mandate.scanName, 'mandat signé.pdf')
    assert.equal(mandate.scanMime, 'application/pdf')
    assert.match(
      mandate.scanKey!,
      new RegExp(`^mediation/mandates/${user.id}/[0-9a-f-]{36}\\.pdf$`)
    )
    assert.isTrue(await drive.use().exists(mandate.scanKey!))
    const download = await client
      .get(`/agents/mediation/mandats/${mandate.id}/formulaire`)
      .withGuard('agent')
      .loginAs(mediator)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    const colleague = await client
      .get(`/agents/mediation/mandats/${mandate.id}/formulaire`)
      .withGuard('agent')
      .loginAs(await createMediator())
    colleague.assertStatus(404)
    const audit = await AuditEntry.findByOrFail('action', 'mediation.mandate_granted')
    assert.equal(audit.agentId, mediator.id)
    assert.equal(audit.mandateId, mandate.id)
    assert.equal(audit.actedForUserId, user.id)
  })

  test('a paper mandate of 13 months is refused with the French message', async ({
    client,
    assert,
  }) => {
    await createResident({ email: 'long@example.org' })
    const mediator = await createMediator()
    const response = await postPaperMandate(client, mediator, {
      resident: 'long@example.org',
      months: '13',
      scan: [FILES.pdf, 'mandat.pdf'],
    })
    assert.deepEqual(inputErrors(response).months, [
      'Un mandat dure au plus 12 mois : la durée doit être de 12 mois ou moins',
    ])
    assert.lengthOf(await Mandate.all(), 0)
  })
})

test.group('Mediation: who a mediator sees', () => {
  test('a mediator sees only the residents who mandated them, and cannot open a session under a colleague’s mandate', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident({ firstName: 'Sofia', lastName: 'Martin' })
    const paul = await createResident({ firstName: 'Paul', lastName: 'Durand' })
    const nadia = await createMediator()
    const yann = await createMediator()
    await giveMandate(sofia, nadia)
    const paulsMandate = await giveMandate(paul, yann)
    const page = await client.get('/agents/mediation').withGuard('agent').loginAs(nadia)
    page.assertStatus(200)
    assert.include(page.text(), 'Sofia Martin')
    assert.notInclude(page.text(), 'Paul Durand')

    const session = await client
      .post(`/agents/mediation/mandats/${paulsMandate.id}/session`)
      .withGuard('agent')
      .loginAs(nadia)
      .withCsrfToken()
      .redirects(0)
    session.assertStatus(404)
    assert.notExists(session.session()[ACTING_KEY])
  })

  test('an agent of another service cannot reach the mediators’ pages (404)', async ({
    client,
  }) => {
    const { createAgent } = await import('#tests/support/factories/accounts')
    const clerk = await createAgent({ services: ['accueil'] })
    const response = await client.get('/agents/mediation').withGuard('agent').loginAs(clerk)
    response.assertStatus(404)
  })

  test('an expired mandate gives nothing: not listed, no session, and a session under way ends', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident({ firstName: 'Sofia', lastName: 'Martin' })
    const nadia = await createMediator()
    const mandate = await giveMandate(sofia, nadia, ['demands'], 1)
    clock.travelTo(mandate.endsAt.plus({ minutes: 1 }))

    const page = await client.get('/agents/mediation').withGuard('agent').loginAs(nadia)
    assert.notInclude(page.text(), 'Sofia Martin')
    const session = await client
      .post(`/agents/mediation/mandats/${mandate.id}/session`)
      .withGuard('agent')
      .loginAs(nadia)
      .withCsrfToken()
      .redirects(0)
    session.assertStatus(404)

    const underWay = await client
      .get('/demarches/nous-contacter')
      .withSession(actingSession(mandate))
      .redirects(0)
    underWay.assertStatus(303)
    underWay.assertHeader('location', '/agents/mediation')
    assert.notExists(underWay.session()[ACTING_KEY])
    assert.notExists(underWay.session()['auth_web'])
    assert.equal(underWay.session()['auth_agent'], nadia.id)
  })
})

test.group('Mediation: acting for a resident', () => {
  test('opening a session logs the resident in for the mediator and writes it to the audit', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident()
    const nadia = await createMediator()
    const mandate = await giveMandate(sofia, nadia)
    const response = await client
      .post(`/agents/mediation/mandats/${mandate.id}/session`)
      .withGuard('agent')
      .loginAs(nadia)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', '/mon-espace')
    assert.equal(response.session()['auth_web'], sofia.id)
    assert.deepEqual(response.session()[ACTING_KEY], { mandateId: mandate.id, agentId: nadia.id })
    const entry = await AuditEntry.findByOrFail('action', 'mediation.session_started')
    assert.equal(entry.actedForUserId, sofia.id)
  })

  test('outside the mandate’s scope every page of the resident answers 404 and the refusal is audited', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident()
    const nadia = await createMediator()
    // A brick's procedure and pages, whichever bricks are installed (the core names none).
    const brickProcedure = allProcedures().find((procedure) => ownerOf(procedure.key))!
    const brick = modules.enabledBricks()[0]
    const mandate = await giveMandate(sofia, nadia, ['demands'])
    const ofABrick = await Demand.create({
      procedureKey: brickProcedure.key,
      serviceSlug: brickProcedure.service,
      state: 'submitted',
      origin: 'web',
      userId: sofia.id,
      answers: {},
      currentStep: 0,
      reference: 'TEST-1',
      submittedAt: clock.now(),
    })
    for (const path of [
      `/mon-espace/demandes/${ofABrick.id}`,
      '/mon-espace/profil',
      '/mon-espace/mandats',
      `/demarches/${brickProcedure.key}`,
      brick.prefix,
    ]) {
      const response = await client.get(path).withSession(actingSession(mandate)).redirects(0)
      assert.equal(response.status(), 404, path)
    }
    const inScope = await client
      .get('/demarches/nous-contacter')
      .withSession(actingSession(mandate))
      .redirects(0)
    inScope.assertStatus(200)
    assert.include(inScope.text(), 'Vous agissez pour')
    assert.lengthOf(await AuditEntry.query().where('action', 'mediation.refused'), 5)
  })

  test('the resident’s list of demands and timeline show a mediator only the demands the mandate covers', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident()
    const mandate = await giveMandate(sofia, await createMediator(), ['demands'])
    const brickProcedure = allProcedures().find((procedure) => ownerOf(procedure.key))!
    const submitted = { state: 'submitted', origin: 'web' as const, userId: sofia.id, answers: {} }
    await Demand.create({
      ...submitted,
      procedureKey: brickProcedure.key,
      serviceSlug: brickProcedure.service,
      currentStep: 0,
      reference: 'BRICK-0001',
      submittedAt: clock.now(),
    })
    await Demand.create({
      ...submitted,
      procedureKey: 'nous-contacter',
      serviceSlug: 'accueil',
      currentStep: 0,
      reference: 'CORE-0001',
      submittedAt: clock.now(),
    })
    const mediated = await client
      .get('/mon-espace/demandes')
      .withSession(actingSession(mandate))
      .redirects(0)
    mediated.assertStatus(200)
    assert.include(mediated.text(), 'CORE-0001')
    assert.notInclude(mediated.text(), 'BRICK-0001')
    const timeline = await client.get('/mon-espace').withSession(actingSession(mandate))
    assert.include(timeline.text(), 'CORE-0001')
    assert.notInclude(timeline.text(), 'BRICK-0001')
    const own = await client.get('/mon-espace/demandes').withGuard('web').loginAs(sofia)
    assert.include(own.text(), 'BRICK-0001')
    const ownTimeline = await client.get('/mon-espace').withGuard('web').loginAs(sofia)
    assert.include(ownTimeline.text(), 'BRICK-0001')
  })

  test('a demand the mediator starts for the resident carries the channel “mediation”', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident()
    const nadia = await createMediator()
    const mandate = await giveMandate(sofia, nadia, ['demands'])
    const response = await client
      .post('/demarches/nous-contacter')
      .withSession(actingSession(mandate))
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    const draft = await Demand.findByOrFail('userId', sofia.id)
    assert.equal(draft.origin, 'mediation')
    assert.equal(draft.filedByAgentId, nadia.id)
    const action = await MediationAction.findByOrFail('userId', sofia.id)
    assert.equal(action.agentId, nadia.id)
    assert.equal(action.module, 'demands')
  })

  test('after the resident revokes the mandate, the mediator’s session ends at the next page and the list is empty', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident({ firstName: 'Sofia', lastName: 'Martin' })
    const nadia = await createMediator()
    const mandate = await giveMandate(sofia, nadia)
    const revoked = await client
      .post(`/mon-espace/mandats/${mandate.id}/revocation`)
      .withGuard('web')
      .loginAs(sofia)
      .withCsrfToken()
      .redirects(0)
    revoked.assertStatus(303)
    await mandate.refresh()
    assert.isNotNull(mandate.revokedAt)
    const next = await client
      .get('/demarches/nous-contacter')
      .withSession(actingSession(mandate))
      .redirects(0)
    next.assertStatus(303)
    assert.notExists(next.session()['auth_web'])
    const page = await client.get('/agents/mediation').withGuard('agent').loginAs(nadia)
    assert.notInclude(page.text(), 'Sofia Martin')
  })

  test('a mediator who leaves the mediation service stops acting at the next page', async ({
    client,
    assert,
  }) => {
    const sofia = await createResident()
    const nadia = await createMediator()
    const mandate = await giveMandate(sofia, nadia)
    await nadia.related('services').detach()
    const next = await client
      .get('/demarches/nous-contacter')
      .withSession(actingSession(mandate))
      .redirects(0)
    next.assertStatus(303)
    assert.notExists(next.session()[ACTING_KEY])
    assert.notExists(next.session()['auth_web'])
  })

  test('a resident cannot revoke someone else’s mandate (404)', async ({ client, assert }) => {
    const sofia = await createResident()
    const other = await createResident()
    const mandate = await giveMandate(sofia, await createMediator())
    const response = await client
      .post(`/mon-espace/mandats/${mandate.id}/revocation`)
      .withGuard('web')
      .loginAs(other)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    await mandate.refresh()
    assert.isNull(mandate.revokedAt)
  })
})

test.group('Mediation: residents without an e-mail address', () => {
  test('a mediator registers a postal-only resident and prints the receipt letter; another mediator cannot print it', async ({
    client,
    assert,
  }) => {
    const nadia = await createMediator()
    const response = await client
      .post('/agents/mediation/usagers')
      .form({
        firstName: 'Jeanne',
        lastName: 'Lefèvre',
        addressLine: '3 rue des Tilleuls',
        postalCode: '91000',
        city: 'Évry-Courcouronnes',
      })
      .withGuard('agent')
      .loginAs(nadia)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    const jeanne = await User.findByOrFail('lastName', 'Lefèvre')
    assert.isTrue(jeanne.postalOnly)
    assert.isFalse(jeanne.notifyByEmail)
    assert.match(jeanne.email, /@courrier\.invalid$/)
    response.assertHeader('location', `/agents/mediation/usagers/${jeanne.id}/courrier`)

    const letter = await client
      .get(`/agents/mediation/usagers/${jeanne.id}/courrier`)
      .withGuard('agent')
      .loginAs(nadia)
    letter.assertStatus(200)
    assert.include(letter.text(), 'Accusé de réception : création de votre compte')
    assert.include(letter.text(), '3 rue des Tilleuls')
    assert.include(letter.text(), `Votre numéro d’usager : ${jeanne.id}`)
    assert.exists(await AuditEntry.findBy('action', 'mediation.letter_printed'))

    const other = await client
      .get(`/agents/mediation/usagers/${jeanne.id}/courrier`)
      .withGuard('agent')
      .loginAs(await createMediator())
    other.assertStatus(404)
  })

  test('no mail is ever queued for a postal-only resident (their address is a placeholder); an ordinary resident’s is', async ({
    assert,
  }) => {
    const nadia = await createMediator()
    const jeanne = await new RegisterPostalResident().handle(nadia, {
      firstName: 'Jeanne',
      lastName: 'Lefèvre',
      addressLine: '3 rue des Tilleuls',
      postalCode: '91000',
      city: 'Évry-Courcouronnes',
    })
    await new SendVerificationMail().handle(jeanne)
    assert.lengthOf(await db.from('jobs').where('name', 'send_mail'), 0)
    await new SendVerificationMail().handle(await createResident())
    assert.lengthOf(await db.from('jobs').where('name', 'send_mail'), 1)
  })

  test('the registration form refuses a missing address with French messages', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/agents/mediation/usagers')
      .form({ firstName: 'Jeanne', lastName: 'Lefèvre', postalCode: '91', city: '' })
      .withGuard('agent')
      .loginAs(await createMediator())
      .withCsrfToken()
      .redirects(0)
    const errors = inputErrors(response)
    assert.match(errors.addressLine[0], /Renseignez le champ « Adresse »/)
    assert.exists(errors.postalCode)
    assert.lengthOf(await User.query().where('postalOnly', true), 0)
  })
})
