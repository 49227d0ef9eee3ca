import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Agent from '#accounts/models/agent'
import AuditEntry from '#accounts/models/audit_entry'
import Demand from '#demands/models/demand'
import { createAgent, createResident, createService } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { drawnWorkflow } from '#back_office/services/workflow_draft'
import { buildRoomBooking, fileRoomBooking } from '#back_office/tests/support/room_booking'

const KEY = 'reservation-salle'

/**
 * The room booking's own workflow, drawn without JavaScript from the copy of
 * the default one: received → under review → room booked / refused.
 */
async function drawRoomCircuit(client: ApiClient, admin: Agent) {
  const { built, page, post } = await buildRoomBooking(client, admin)
  const checked = async (url: string, form: Record<string, string | string[]>) => {
    const response = await client
      .post(url)
      .form(form)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    if (Object.keys(inputErrors(response)).length)
      throw new Error(JSON.stringify(inputErrors(response)))
    return response
  }
  await checked(`${page}/circuit`, { mode: 'custom' })
  // The copy of the default workflow, edited rather than started from nothing.
  await checked(`${page}/circuit/etats/submitted`, {
    labelFr: 'Reçue',
    labelEn: 'Received',
    initial: '1',
  })
  await checked(`${page}/circuit/etats/in_review`, { labelFr: 'En instruction' })
  await checked(`${page}/circuit/etats/accepted`, { labelFr: 'Salle réservée', closed: '1' })
  await checked(`${page}/circuit/etats/refused`, { labelFr: 'Refusée', closed: '1' })
  for (const transition of ['accept', 'start_review'])
    await checked(`${page}/circuit/actions/${transition}/supprimer`, {})
  await checked(`${page}/circuit/actions`, {
    labelFr: 'Mettre en instruction',
    fromStates: ['submitted'],
    toState: 'in_review',
    actor: 'agent',
    notifyResident: '1',
  })
  await checked(`${page}/circuit/actions`, {
    labelFr: 'Réserver la salle',
    labelEn: 'Book the room',
    fromStates: ['in_review'],
    toState: 'accepted',
    actor: 'agent',
    notifyResident: '1',
  })
  return { built, page, post, checked }
}

test.group('Procedure builder: the workflow', () => {
  test('an admin draws the room booking’s workflow; a resident files it; an agent fires its actions and the demand ends in “Salle réservée”', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { built, page, post } = await drawRoomCircuit(client, admin)
    await built.refresh()
    const workflow = drawnWorkflow(built.draft)!
    assert.deepEqual(
      workflow.transitions.map((transition) => transition.key),
      [
        'request_information',
        'answer',
        'refuse',
        'close',
        'reopen',
        'mettre_en_instruction',
        'reserver_la_salle',
      ]
    )
    const overview = await client.get(page).withGuard('agent').loginAs(admin)
    overview.assertTextIncludes('Circuit de traitement')
    overview.assertTextIncludes('Réserver la salle')
    overview.assertTextIncludes('de En instruction vers Salle réservée, par un agent du service')
    assert.notInclude(overview.text(), 'Le circuit de traitement')

    const published = await post(`${page}/publication`, {})
    assert.equal(published.header('location'), page)
    const procedure = findProcedure(KEY)!
    assert.equal(procedure.workflow, 'built.reservation-salle.v1')

    const resident = await createResident({ email: 'nadia@example.org' })
    await fileRoomBooking(client, resident, { association: 'Les Amis du Parc' })
    const demand = await Demand.query().where('procedureKey', KEY).firstOrFail()
    assert.equal(demand.state, 'submitted')
    const own = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    own.assertTextIncludes('Reçue')

    const agent = await createAgent({ services: ['vie-associative'] })
    const opened = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    opened.assertTextIncludes('Mettre en instruction')
    assert.notInclude(opened.text(), 'Réserver la salle')
    const fire = (transition: string, expectedState: string) =>
      client
        .post(`/agents/demandes/${demand.id}/transition`)
        .form({ transition, expectedState })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    ;(await fire('mettre_en_instruction', 'submitted')).assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'in_review')
    const reviewing = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    reviewing.assertTextIncludes('En instruction')
    reviewing.assertTextIncludes('Réserver la salle')
    ;(await fire('reserver_la_salle', 'in_review')).assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'accepted')
    assert.isTrue(workflowOf(procedure).states.find((state) => state.key === 'accepted')!.closed)
    const done = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    done.assertTextIncludes('Salle réservée')

    const audited = await AuditEntry.query()
      .where('agentId', admin.id)
      .where('action', 'procedure.changed')
    assert.isTrue(
      audited.some((entry) =>
        /circuit \+ action reserver_la_salle/.test(JSON.stringify(entry.serialize()))
      )
    )
  }).timeout(20_000)

  test('an action leading to a deleted state refuses to publish, naming both in French; nothing is published', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { built, page, post, checked } = await drawRoomCircuit(client, admin)
    await checked(`${page}/circuit/etats/accepted/supprimer`, {})
    const refused = await post(`${page}/publication`, {})
    const shown = await client
      .get(page)
      .withGuard('agent')
      .loginAs(admin)
      .withSession({ __flash__: refused.flashMessages() })
    shown.assertTextIncludes(
      'L’action « Réserver la salle » mène ou part de l’état « accepted », qui n’existe pas.'
    )
    await built.refresh()
    assert.isNull(built.publishedVersion)
    assert.isNull(findProcedure(KEY))
  }).timeout(20_000)

  test('an action from a state the workflow does not have is refused next to the field; back to the default workflow, a demand uses it', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { built, page, post, checked } = await drawRoomCircuit(client, admin)
    const wrong = await post(`${page}/circuit/actions`, {
      labelFr: 'Archiver',
      fromStates: 'nulle_part',
      toState: 'refused',
      actor: 'supervisor',
    })
    assert.deepEqual(inputErrors(wrong), { fromStates: ['Choisissez des états du circuit.'] })
    await checked(`${page}/circuit`, { mode: 'default' })
    await built.refresh()
    assert.isUndefined(built.draft.workflow)
    await post(`${page}/publication`, {})
    assert.isUndefined(findProcedure(KEY)!.workflow)
    assert.equal(workflowOf(findProcedure(KEY)!).name, 'default')
  }).timeout(20_000)
})
