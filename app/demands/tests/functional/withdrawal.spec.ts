import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import AuditEntry from '#accounts/models/audit_entry'
import Job from '#jobs/job'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { emptyDraft, fileThreeStepDemand } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'

const REASON = 'J’ai trouvé une autre solution avec mon voisin.'

test.group('A resident withdraws a demand', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-01T10:00')
    return () => {
      clock.reset()
    }
  })

  test('the resident confirms with a reason: the demand is closed as withdrawn, on both timelines, in the audit log and the service inbox', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)

    const show = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    show.assertTextIncludes(`href="/mon-espace/demandes/${demand.id}/retirer"`)
    const confirm = await client
      .get(`/mon-espace/demandes/${demand.id}/retirer`)
      .withGuard('web')
      .loginAs(resident)
    confirm.assertStatus(200)
    confirm.assertTextIncludes('Motif du retrait')
    confirm.assertTextIncludes("name='_csrf'")

    const jobsBefore = (await Job.all()).length
    const done = await client
      .post(`/mon-espace/demandes/${demand.id}/retirer`)
      .form({ reason: REASON })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    done.assertStatus(303)
    done.assertHeader('location', `/mon-espace/demandes/${demand.id}`)

    await demand.refresh()
    assert.equal(demand.state, 'withdrawn')
    assert.isNotNull(demand.closedAt)
    const event = await DemandEvent.query()
      .where('demandId', demand.id)
      .where('transition', 'withdraw')
      .firstOrFail()
    assert.equal(event.body, REASON)
    assert.equal(event.actorType, 'resident')
    assert.isTrue(event.visibleToResident)
    const audit = await AuditEntry.query().where('demandId', demand.id).firstOrFail()
    assert.equal(audit.action, 'demand.withdrawn')
    assert.isNull(audit.agentId)
    // The resident is not mailed about what they just did.
    assert.equal((await Job.all()).length, jobsBefore)

    const residentPage = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    residentPage.assertTextIncludes(REASON)
    residentPage.assertTextIncludes('Retirée')
    assert.notInclude(residentPage.text(), `/mon-espace/demandes/${demand.id}/retirer`)

    const agentPage = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    agentPage.assertTextIncludes(REASON)
    agentPage.assertTextIncludes('Retirée par le demandeur')

    const inbox = await client
      .get('/agents/demandes?statut=withdrawn')
      .withGuard('agent')
      .loginAs(agent)
    inbox.assertTextIncludes(demand.reference!)
    inbox.assertTextIncludes('Retirée par le demandeur')
    const home = await client.get('/agents').withGuard('agent').loginAs(agent)
    home.assertTextIncludes('1 demande retirée par le demandeur ces 7 derniers jours')
    home.assertTextIncludes('href="/agents/demandes?statut=withdrawn"')
    clock.travel({ days: 8 })
    const later = await client.get('/agents').withGuard('agent').loginAs(agent)
    assert.notInclude(later.text(), 'retirée par le demandeur')
    const open = await client.get('/agents/demandes').withGuard('agent').loginAs(agent)
    assert.notInclude(open.text(), demand.reference!)
  })

  test('a demand waiting for the resident’s answer can be withdrawn too', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    await Demand.query().where('id', demand.id).update({ state: 'needs_information' })
    const done = await client
      .post(`/mon-espace/demandes/${demand.id}/retirer`)
      .form({ reason: REASON })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    done.assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'withdrawn')
  })

  test('an empty reason is refused, next to the field, and the demand stays open', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    const refused = await client
      .post(`/mon-espace/demandes/${demand.id}/retirer`)
      .form({ reason: '   ' })
      .header('referer', `/mon-espace/demandes/${demand.id}/retirer`)
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(refused).reason[0], 'Renseignez le champ « Motif »')
    await demand.refresh()
    assert.equal(demand.state, 'submitted')
    assert.isNull(demand.closedAt)
  })

  test('a closed demand cannot be withdrawn: not found', async ({ client, assert }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    await Demand.query()
      .where('id', demand.id)
      .update({ state: 'accepted', closed_at: dbTimestamp(clock.now()) })
    const page = await client
      .get(`/mon-espace/demandes/${demand.id}/retirer`)
      .withGuard('web')
      .loginAs(resident)
    page.assertStatus(404)
    const post = await client
      .post(`/mon-espace/demandes/${demand.id}/retirer`)
      .form({ reason: REASON })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    post.assertStatus(404)
    await demand.refresh()
    assert.equal(demand.state, 'accepted')
  })

  test('another resident’s demand cannot be withdrawn: not found', async ({ client, assert }) => {
    const owner = await createResident()
    const other = await createResident()
    const demand = await fileThreeStepDemand(owner)
    const page = await client
      .get(`/mon-espace/demandes/${demand.id}/retirer`)
      .withGuard('web')
      .loginAs(other)
    page.assertStatus(404)
    const post = await client
      .post(`/mon-espace/demandes/${demand.id}/retirer`)
      .form({ reason: REASON })
      .withGuard('web')
      .loginAs(other)
      .withCsrfToken()
      .redirects(0)
    post.assertStatus(404)
    await demand.refresh()
    assert.equal(demand.state, 'submitted')
  })

  test('a draft cannot be withdrawn (it is discarded instead): not found', async ({ client }) => {
    const resident = await createResident()
    const draft = await emptyDraft(resident)
    const page = await client
      .get(`/mon-espace/demandes/${draft.id}/retirer`)
      .withGuard('web')
      .loginAs(resident)
    page.assertStatus(404)
  })

  test('without a CSRF token nothing is withdrawn', async ({ client, assert }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    await client
      .post(`/mon-espace/demandes/${demand.id}/retirer`)
      .form({ reason: REASON })
      .withGuard('web')
      .loginAs(resident)
      .redirects(0)
    await demand.refresh()
    assert.equal(demand.state, 'submitted')
  })
})
