import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#accounts/models/user'
import type Agent from '#accounts/models/agent'
import AuditEntry from '#accounts/models/audit_entry'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { FILES } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'

const KEY = 'aide-ponctuelle'

/** A resident files a food-aid request through the form, with two proofs, and submits it. */
async function fileAidRequest(client: ApiClient, resident: User) {
  const as = <T extends { withGuard: Function }>(request: T) =>
    (request.withGuard('web') as any).loginAs(resident) as T
  await as(client.post(`/demarches/${KEY}`).withCsrfToken()).redirects(0)
  const draft = await Demand.query()
    .where('userId', resident.id)
    .where('procedureKey', KEY)
    .orderBy('id', 'desc')
    .firstOrFail()
  const base = `/demarches/${KEY}/${draft.id}`
  const step1 = await as(
    client
      .post(`${base}/etape/1`)
      .form({
        _shown: 'aidType,situation',
        aidType: 'food',
        situation: 'Perte d’emploi en septembre, deux enfants.',
      })
      .withCsrfToken()
  ).redirects(0)
  if (step1.header('location') !== `${base}/etape/2`)
    throw new Error(JSON.stringify(inputErrors(step1)))
  const step2 = await as(
    client
      .post(`${base}/etape/2`)
      .form({
        _shown: 'applicantBirthDate,adults,children,resources,charges',
        applicantBirthDate: '1985-04-12',
        adults: '1',
        children: '2',
        resources: '950',
        charges: '720',
      })
      .withCsrfToken()
  ).redirects(0)
  if (step2.header('location') !== `${base}/etape/3`)
    throw new Error(JSON.stringify(inputErrors(step2)))
  const step3 = await as(
    client
      .post(`${base}/etape/3`)
      .field('_shown', 'proofs,consent')
      .field('consent', '1')
      .file('proofs', FILES.pdf, {
        filename: 'avis-imposition.pdf',
        contentType: 'application/pdf',
      })
      .file('proofs', FILES.png, { filename: 'facture-edf.png', contentType: 'image/png' })
      .withCsrfToken()
  ).redirects(0)
  if (step3.header('location') !== `${base}/recapitulatif`)
    throw new Error(JSON.stringify(inputErrors(step3)))
  await as(client.post(`${base}/envoyer`).withCsrfToken()).redirects(0)
  await draft.refresh()
  return draft
}

function asAgent(client: ApiClient, agent: Agent) {
  return {
    get: (path: string) => client.get(path).withGuard('agent').loginAs(agent),
    post: (path: string, form: Record<string, string>) =>
      client.post(path).withGuard('agent').loginAs(agent).withCsrfToken().form(form).redirects(0),
  }
}

test.group('Aid requests (/solidarites/aides)', () => {
  test('an aid request filed with proofs is examined, granted at a commission with an amount, and the resident downloads the decision letter', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ firstName: 'Nadia', lastName: 'Benali' })
    const demand = await fileAidRequest(client, resident)
    assert.equal(demand.state, 'submitted')
    assert.equal(demand.serviceSlug, 'solidarites')
    assert.lengthOf(await DemandFile.query().where('demandId', demand.id), 2)

    const adviser = await createAgent({
      services: ['solidarites'],
      permissions: ['social.aid.decide'],
    })
    const agent = asAgent(client, adviser)
    const examined = await agent.post(`/agents/demandes/${demand.id}/transition`, {
      transition: 'examine',
    })
    examined.assertStatus(303)
    const scheduled = await agent.post(`/agents/solidarites/aides/${demand.id}/commission`, {
      commissionOn: '2026-12-15',
    })
    assert.deepEqual(inputErrors(scheduled), {})
    const list = await agent.get('/agents/solidarites/aides')
    list.assertTextIncludes(demand.reference!)
    list.assertTextIncludes('15/12/2026')
    const granted = await agent.post(`/agents/solidarites/aides/${demand.id}/decision`, {
      outcome: 'granted',
      amount: '150',
    })
    assert.deepEqual(inputErrors(granted), {})
    await demand.refresh()
    assert.equal(demand.state, 'granted')
    const audited = await AuditEntry.query()
      .where('agentId', adviser.id)
      .where('action', 'confidential.opened')
      .where('demandId', demand.id)
    assert.isAbove(audited.length, 0)

    const space = await client.get('/solidarites/aides').withGuard('web').loginAs(resident)
    space.assertStatus(200)
    space.assertTextIncludes('Aide accordée')
    space.assertTextIncludes('150,00')
    space.assertTextIncludes(`/solidarites/aides/${demand.id}/decision.pdf`)
    const letter = await client
      .get(`/solidarites/aides/${demand.id}/decision.pdf`)
      .withGuard('web')
      .loginAs(resident)
    letter.assertStatus(200)
    letter.assertHeader('content-type', 'application/pdf')
    const bytes: Buffer = letter.body()
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')

    const stranger = await createResident()
    const refused = await client
      .get(`/solidarites/aides/${demand.id}/decision.pdf`)
      .withGuard('web')
      .loginAs(stranger)
    refused.assertStatus(404)
  })

  test('a refusal needs its reason; a grant needs its amount', async ({ client, assert }) => {
    const resident = await createResident()
    const demand = await fileAidRequest(client, resident)
    const adviser = await createAgent({
      services: ['solidarites'],
      permissions: ['social.aid.decide'],
    })
    const agent = asAgent(client, adviser)
    await agent.post(`/agents/demandes/${demand.id}/transition`, { transition: 'examine' })
    await agent.post(`/agents/solidarites/aides/${demand.id}/commission`, {
      commissionOn: '2026-12-15',
    })
    const noAmount = await agent.post(`/agents/solidarites/aides/${demand.id}/decision`, {
      outcome: 'granted',
    })
    assert.property(inputErrors(noAmount), 'amount')
    const noReason = await agent.post(`/agents/solidarites/aides/${demand.id}/decision`, {
      outcome: 'refused',
    })
    assert.property(inputErrors(noReason), 'reason')
    await demand.refresh()
    assert.equal(demand.state, 'commission')
  })

  test('an agent of another service finds it nowhere: inbox, search, export, 360° view, its pages', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ firstName: 'Nadia', lastName: 'Benali' })
    const demand = await fileAidRequest(client, resident)
    for (const services of [['enfance'], ['accueil']]) {
      const other = asAgent(client, await createAgent({ services, permissions: [] }))
      for (const path of [
        '/agents/demandes',
        '/agents/demandes?q=Benali',
        '/agents/demandes/export.csv',
        `/agents/usagers/${resident.id}`,
      ]) {
        const response = await other.get(path)
        assert.notInclude(response.text(), demand.reference!, path)
        assert.notInclude(response.text(), 'Perte d’emploi', path)
      }
      for (const path of [
        `/agents/demandes/${demand.id}`,
        `/agents/solidarites/aides/${demand.id}`,
        '/agents/solidarites/aides',
      ]) {
        const response = await other.get(path)
        assert.equal(response.status(), 404, `${services} ${path}`)
      }
    }
  })
})
