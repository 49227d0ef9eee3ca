import { test } from '@japa/runner'
import { clock } from '#core/clock'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import SubmitDemand from '#demands/actions/submit_demand'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import Decree from '../../models/decree.js'
import { sha256OfBytes } from '../../services/decree_files.js'
import { publishedDecree } from '../decrees_support.js'

async function movingVanRequest() {
  const resident = await createResident({ email: 'demenage@example.org' })
  const draft = await Demand.create({
    procedureKey: 'demande-arrete-voirie',
    serviceSlug: 'tranquillite_publique',
    state: 'draft',
    origin: 'web',
    userId: resident.id,
    applicantFirstName: resident.firstName,
    applicantLastName: resident.lastName,
    applicantEmail: resident.email,
    answers: {
      purpose: 'demenagement',
      street: '8 rue des Tilleuls',
      startsOn: '2026-12-19',
      endsOn: '2026-12-19',
      kerbMeters: 15,
      vehicle: 'Camion 20 m³',
    },
    currentStep: 1,
  })
  const demand = await new SubmitDemand().handle(draft.id)
  return { resident, demand: await Demand.findOrFail((demand as Demand).id ?? draft.id) }
}

test.group('Police: street occupation decree requests', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-06T10:00', { freeze: true })
  })

  test('a resident’s moving-van request is accepted; the generated individual decree carries the next register number and reaches the resident’s space', async ({
    client,
    assert,
  }) => {
    await publishedDecree({ title: 'Un arrêté déjà publié cette année' })
    const { resident, demand } = await movingVanRequest()
    const agent = await createAgent({
      services: ['tranquillite_publique'],
      permissions: ['police.decrees.manage'],
    })
    const accepted = await client
      .post(`/agents/demandes/${demand.id}/transition`)
      .form({ transition: 'accept', expectedState: 'submitted', comment: 'Accordé.' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    accepted.assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'accepted')

    const waiting = await client
      .get('/agents/police-municipale/arretes/demandes')
      .withGuard('agent')
      .loginAs(agent)
    waiting.assertTextIncludes(demand.reference!)

    const generated = await client
      .post(`/agents/police-municipale/arretes/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    generated.assertStatus(303)
    const decree = await Decree.findByOrFail('demand_id', demand.id)
    assert.equal(decree.number, '2026-0002')
    assert.equal(decree.kind, 'individuel')
    assert.equal(decree.residentId, resident.id)
    assert.isNull(decree.publishedAt)
    assert.isNotNull(decree.notifiedAt)

    // Individual: never on the public register.
    const publicPage = await client.get('/arretes/2026-0002')
    publicPage.assertStatus(404)

    // The resident downloads it from their space: it is the registered PDF, carrying its number.
    const pdf = await client
      .get('/police-municipale/mes-arretes/2026-0002')
      .withGuard('web')
      .loginAs(resident)
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    const file = await DemandFile.query().where('demand_id', demand.id).firstOrFail()
    assert.equal(file.originalName, 'arrete-2026-0002.pdf')
    const thread = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    thread.assertStatus(200)
    thread.assertTextIncludes('arrêté municipal individuel n° 2026-0002')
    thread.assertTextIncludes('arrete-2026-0002.pdf')

    // The agent's page of the decree links to the demand.
    const agentPage = await client
      .get(`/agents/police-municipale/arretes/${decree.id}`)
      .withGuard('agent')
      .loginAs(agent)
    agentPage.assertTextIncludes(`href="/agents/demandes/${demand.id}"`)

    // A second generation is refused: one decree per request.
    const again = await client
      .post(`/agents/police-municipale/arretes/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    again.assertStatus(404)
    assert.lengthOf(await Decree.query().where('demand_id', demand.id), 1)
  })

  test('the generated PDF holds the register number and its SHA-256 is the register’s', async ({
    assert,
  }) => {
    const { demand } = await movingVanRequest()
    demand.state = 'accepted'
    await demand.save()
    const { default: GenerateRequestDecree } =
      await import('../../actions/generate_request_decree.js')
    const agent = await createAgent({ services: ['tranquillite_publique'] })
    const outcome = await new GenerateRequestDecree().handle(demand.id, {
      id: agent.id,
      name: 'Le maire',
    })
    assert.property(outcome, 'decree')
    const decree = (outcome as { decree: Decree }).decree
    const drive = (await import('@adonisjs/drive/services/main')).default
    const bytes = Buffer.from(await drive.use().getBytes(decree.storageKey))
    assert.isTrue(bytes.subarray(0, 5).equals(Buffer.from('%PDF-')))
    assert.include(bytes.toString('latin1'), decree.number!)
    assert.equal(sha256OfBytes(bytes), decree.sha256)
  })

  test('a request not accepted yet gets no decree, and another resident cannot open someone’s decree', async ({
    client,
    assert,
  }) => {
    const { resident, demand } = await movingVanRequest()
    const agent = await createAgent({
      services: ['tranquillite_publique'],
      permissions: ['police.decrees.manage'],
    })
    const early = await client
      .post(`/agents/police-municipale/arretes/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    early.assertStatus(404)
    assert.lengthOf(await Decree.all(), 0)

    demand.state = 'accepted'
    await demand.save()
    const { default: GenerateRequestDecree } =
      await import('../../actions/generate_request_decree.js')
    await new GenerateRequestDecree().handle(demand.id, { id: agent.id, name: 'Le maire' })
    const other = await createResident({ email: 'voisin@example.org' })
    const refused = await client
      .get('/police-municipale/mes-arretes/2026-0001')
      .withGuard('web')
      .loginAs(other)
    refused.assertStatus(404)
    const own = await client
      .get('/police-municipale/mes-arretes/2026-0001')
      .withGuard('web')
      .loginAs(resident)
    own.assertStatus(200)
  })
})
