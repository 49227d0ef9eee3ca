import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import AuditEntry from '#accounts/models/audit_entry'
import Service from '#accounts/models/service'
import { createAgent, createResident, createService } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import type Agent from '#accounts/models/agent'
import type { ApiClient } from '@japa/api-client'

const COMMENT = 'Concerne la voirie, pas l’urbanisme : merci de reprendre.'

/** Two services, an agent of each, and a demand filed with the urbanism service (the fixture's). */
async function setUp() {
  const resident = await createResident()
  const urbanism = await createAgent({ services: ['urbanisme'] })
  await Service.query().where('slug', 'urbanisme').update({ name: 'Urbanisme' })
  await createService('voirie', 'Voirie')
  const roads = await createAgent({ services: ['voirie'] })
  const demand = await fileThreeStepDemand(resident)
  return { resident, urbanism, roads, demand }
}

function transfer(client: ApiClient, agent: Agent, demand: Demand, form: Record<string, string>) {
  return client
    .post(`/agents/demandes/${demand.id}/transmission`)
    .form(form)
    .header('referer', `/agents/demandes/${demand.id}`)
    .withGuard('agent')
    .loginAs(agent)
    .withCsrfToken()
    .redirects(0)
}

test.group('An agent transfers a demand to another service', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-01T10:00')
    return () => {
      clock.reset()
    }
  })

  test('the demand moves to the other service’s inbox, unassigned; the resident reads “Transmise au service Voirie”, not the comment', async ({
    client,
    assert,
  }) => {
    const { resident, urbanism, roads, demand } = await setUp()
    await Demand.query().where('id', demand.id).update({ assignee_id: urbanism.id })

    const page = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(urbanism)
    page.assertTextIncludes('Transmettre à un autre service')
    page.assertTextIncludes('<option value="voirie"')
    assert.notInclude(page.text(), '<option value="urbanisme"')

    const done = await transfer(client, urbanism, demand, {
      service: 'voirie',
      transferComment: COMMENT,
    })
    done.assertStatus(303)
    done.assertHeader('location', '/agents/demandes')

    await demand.refresh()
    assert.equal(demand.serviceSlug, 'voirie')
    assert.isNull(demand.assigneeId)
    assert.equal(demand.state, 'submitted')
    const events = await DemandEvent.query().where('demandId', demand.id).where('kind', 'transfer')
    assert.lengthOf(events, 1)
    assert.isTrue(events[0].visibleToResident)
    const note = await DemandEvent.query()
      .where('demandId', demand.id)
      .where('kind', 'note')
      .firstOrFail()
    assert.equal(note.body, COMMENT)
    assert.isFalse(note.visibleToResident)
    const audit = await AuditEntry.query()
      .where('demandId', demand.id)
      .where('action', 'demand.transferred')
      .firstOrFail()
    assert.equal(audit.agentId, urbanism.id)

    const roadsInbox = await client.get('/agents/demandes').withGuard('agent').loginAs(roads)
    roadsInbox.assertTextIncludes(demand.reference!)
    const urbanismInbox = await client.get('/agents/demandes').withGuard('agent').loginAs(urbanism)
    assert.notInclude(urbanismInbox.text(), demand.reference!)
    const gone = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(urbanism)
    gone.assertStatus(404)

    const roadsPage = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(roads)
    roadsPage.assertTextIncludes('Transmise au service Voirie')
    roadsPage.assertTextIncludes(COMMENT)

    const residentPage = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    residentPage.assertTextIncludes('Transmise au service Voirie')
    assert.notInclude(residentPage.text(), COMMENT)
  })

  test('an empty comment is refused next to its field', async ({ client, assert }) => {
    const { urbanism, demand } = await setUp()
    const refused = await transfer(client, urbanism, demand, {
      service: 'voirie',
      transferComment: ' ',
    })
    assert.equal(
      inputErrors(refused).transferComment[0],
      'Renseignez le champ « Commentaire pour le service destinataire »'
    )
    await demand.refresh()
    assert.equal(demand.serviceSlug, 'urbanisme')
  })

  test('the same, an inactive or an unknown service is refused next to the service field', async ({
    client,
    assert,
  }) => {
    const { urbanism, demand } = await setUp()
    const archived = await createService('archives', 'Archives')
    archived.active = false
    await archived.save()
    const cases = [
      ['urbanisme', 'La demande est déjà dans ce service : choisissez-en un autre'],
      ['archives', 'Choisissez un service actif de la liste'],
      ['nulle-part', 'Choisissez un service actif de la liste'],
    ]
    for (const [service, message] of cases) {
      const refused = await transfer(client, urbanism, demand, {
        service,
        transferComment: COMMENT,
      })
      assert.equal(inputErrors(refused).service[0], message, service)
    }
    await demand.refresh()
    assert.equal(demand.serviceSlug, 'urbanisme')
    assert.equal(
      await DemandEvent.query()
        .where('kind', 'transfer')
        .count('* as n')
        .then(([row]) => Number(row.$extras.n)),
      0
    )
  })

  test('an agent of another service cannot transfer it: not found', async ({ client, assert }) => {
    const { roads, demand } = await setUp()
    const refused = await transfer(client, roads, demand, {
      service: 'voirie',
      transferComment: COMMENT,
    })
    refused.assertStatus(404)
    await demand.refresh()
    assert.equal(demand.serviceSlug, 'urbanisme')
  })

  test('a closed demand cannot be transferred: no form, and the request is not found', async ({
    client,
    assert,
  }) => {
    const { urbanism, demand } = await setUp()
    await Demand.query()
      .where('id', demand.id)
      .update({ state: 'accepted', closed_at: dbTimestamp(clock.now()) })
    const page = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(urbanism)
    assert.notInclude(page.text(), 'Transmettre à un autre service')
    const refused = await transfer(client, urbanism, demand, {
      service: 'voirie',
      transferComment: COMMENT,
    })
    refused.assertStatus(404)
    await demand.refresh()
    assert.equal(demand.serviceSlug, 'urbanisme')
  })
})
