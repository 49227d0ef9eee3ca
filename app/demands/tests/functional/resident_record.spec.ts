import { test } from '@japa/runner'
import type User from '#accounts/models/user'
import Appointment from '#appointments/models/appointment'
import AuditEntry from '#accounts/models/audit_entry'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { clock } from '#core/clock'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

/*
 * An agent's 360° view of a resident (/agents/usagers/:id): each module gives
 * its part of the resident's history, filtered by the agent's services. Here
 * the core's modules (demands, appointments, invoices); the childhood brick
 * tests its registrations in its own folder.
 */

/** A resident known to three services: an urbanisme demand, an état civil appointment, an enfance invoice. */
async function residentOfThreeServices() {
  const resident = await createResident({
    email: 'louise.michel@example.org',
    firstName: 'Louise',
    lastName: 'Michel',
  })
  resident.phone = '0611223344'
  await resident.save()
  const demand = await fileThreeStepDemand(resident)
  const { point, type } = await createAgenda({ service: 'etat_civil' })
  const startsAt = clock.now().plus({ days: 3 }).set({ hour: 10, minute: 0, second: 0 })
  const appointment = await Appointment.create({
    meetingPointId: point.id,
    meetingTypeId: type.id,
    desk: 1,
    startsAt,
    endsAt: startsAt.plus({ minutes: 15 }),
    status: 'booked',
    persons: 1,
    userId: resident.id,
    firstName: resident.firstName,
    lastName: resident.lastName,
    email: resident.email,
    phone: null,
    details: {},
    origin: 'web',
  })
  const invoice = await invoiceFor(resident, 'enfance', 'Restauration scolaire — octobre')
  return { resident, demand, appointment, type, invoice }
}

function invoiceFor(resident: User, serviceSlug: string, label: string) {
  return issueInvoice({
    payer: { userId: resident.id, name: resident.fullName, email: resident.email },
    serviceSlug,
    label,
    dueOn: clock.now().plus({ days: 20 }).toISODate()!,
    lines: [{ label: 'Repas', quantity: 4, unitCents: 300 }],
  })
}

test.group('Resident 360° view', () => {
  test('an agent sees the identity and only what their services hold about the resident', async ({
    client,
    assert,
  }) => {
    const { resident, demand, appointment, type, invoice } = await residentOfThreeServices()

    const urbanisme = await createAgent({ services: ['urbanisme'] })
    const byUrbanisme = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(urbanisme)
    byUrbanisme.assertStatus(200)
    byUrbanisme.assertTextIncludes('Fiche usager : Louise Michel')
    byUrbanisme.assertTextIncludes('louise.michel@example.org')
    byUrbanisme.assertTextIncludes('0611223344')
    byUrbanisme.assertTextIncludes(`href="/agents/demandes/${demand.id}"`)
    byUrbanisme.assertTextIncludes(demand.reference!)
    assert.notInclude(byUrbanisme.text(), type.label)
    assert.notInclude(byUrbanisme.text(), invoice.label)
    const demandPage = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(urbanisme)
    demandPage.assertTextIncludes(`href="/agents/usagers/${resident.id}"`)

    const etatCivil = await createAgent({ services: ['etat_civil'] })
    const byEtatCivil = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(etatCivil)
    byEtatCivil.assertStatus(200)
    byEtatCivil.assertTextIncludes(`id="appointment-${appointment.id}"`)
    byEtatCivil.assertTextIncludes(type.label)
    assert.notInclude(byEtatCivil.text(), demand.reference!)
    assert.notInclude(byEtatCivil.text(), invoice.label)

    const enfance = await createAgent({ services: ['enfance'] })
    const byEnfance = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(enfance)
    byEnfance.assertStatus(200)
    byEnfance.assertTextIncludes(`href="/agents/paiements/factures/${invoice.id}"`)
    assert.notInclude(byEnfance.text(), demand.reference!)
    assert.notInclude(byEnfance.text(), type.label)
  })

  test('the finance service sees every service’s invoices of the resident, and no demand', async ({
    client,
    assert,
  }) => {
    const { resident, demand, invoice } = await residentOfThreeServices()
    const other = await invoiceFor(resident, 'urbanisme', 'Occupation du domaine public')
    const finance = await createAgent({ services: ['finances'] })
    const page = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(finance)
    page.assertStatus(200)
    page.assertTextIncludes(invoice.label)
    page.assertTextIncludes(other.label)
    assert.notInclude(page.text(), demand.reference!)
  })

  test('an agent whose services share nothing with the resident gets "not found" and no data', async ({
    client,
    assert,
  }) => {
    const { resident } = await residentOfThreeServices()
    // A service that files nothing at the counter and holds nothing of hers.
    const stranger = await createAgent({ services: ['espaces_verts'] })
    for (const path of [
      `/agents/usagers/${resident.id}`,
      `/agents/usagers/${resident.id}?type=invoice`,
      `/agents/usagers/${resident.id}?type=demand`,
    ]) {
      const response = await client.get(path).withGuard('agent').loginAs(stranger)
      assert.equal(response.status(), 404, path)
      assert.notInclude(response.text(), 'louise.michel@example.org', path)
      assert.notInclude(response.text(), '0611223344', path)
    }
    const unknown = await client.get('/agents/usagers/999999').withGuard('agent').loginAs(stranger)
    unknown.assertStatus(404)
    assert.lengthOf(await AuditEntry.query().where('action', 'resident.viewed'), 0)
  })

  test('residents are not let in, and a visitor is sent to the agents’ login', async ({
    client,
    assert,
  }) => {
    const { resident } = await residentOfThreeServices()
    const asResident = await client
      .get(`/agents/usagers/${resident.id}`)
      .loginAs(resident)
      .redirects(0)
    assert.notEqual(asResident.status(), 200)
    assert.notInclude(asResident.text(), '0611223344')
    const anonymous = await client.get(`/agents/usagers/${resident.id}`).redirects(0)
    assert.include([302, 303], anonymous.status())
    assert.include(anonymous.header('location'), '/agents/connexion')
  })

  test('the counter search links each resident found to their record, whose opening is audited with the rows shown', async ({
    client,
    assert,
  }) => {
    const { resident } = await residentOfThreeServices()
    const accueil = await createAgent({ services: ['accueil'] })
    const search = await client
      .get('/agents/demandes/nouvelle?q=Michel')
      .withGuard('agent')
      .loginAs(accueil)
    search.assertStatus(200)
    search.assertTextIncludes(`href="/agents/usagers/${resident.id}"`)

    // The front desk may look anyone up: it sees who the resident is, and nothing of the other services.
    const record = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(accueil)
    record.assertStatus(200)
    record.assertTextIncludes('louise.michel@example.org')
    record.assertTextIncludes('Rien pour cet usager dans vos services.')

    const urbanisme = await createAgent({ services: ['urbanisme'] })
    await client.get(`/agents/usagers/${resident.id}`).withGuard('agent').loginAs(urbanisme)
    const entries = await AuditEntry.query().where('action', 'resident.viewed').orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.agentId, entry.detail, entry.rowCount]),
      [
        [accueil.id, `Louise Michel (#${resident.id})`, 0],
        [urbanisme.id, `Louise Michel (#${resident.id})`, 1],
      ]
    )
  })

  test('a filter by kind shows that kind only and is written in the audit entry', async ({
    client,
    assert,
  }) => {
    const { resident, invoice } = await residentOfThreeServices()
    const secondDemand = await fileThreeStepDemand(resident)
    const agent = await createAgent({ services: ['finances', 'urbanisme'] })
    const all = await client.get(`/agents/usagers/${resident.id}`).withGuard('agent').loginAs(agent)
    all.assertTextIncludes(secondDemand.reference!)
    all.assertTextIncludes(invoice.label)
    const invoices = await client
      .get(`/agents/usagers/${resident.id}?type=invoice`)
      .withGuard('agent')
      .loginAs(agent)
    invoices.assertStatus(200)
    invoices.assertTextIncludes(invoice.label)
    assert.notInclude(invoices.text(), secondDemand.reference!)
    const last = await AuditEntry.query().where('action', 'resident.viewed').orderBy('id', 'desc')
    assert.equal(last[0].detail, `Louise Michel (#${resident.id}) [invoice]`)
    assert.equal(last[0].rowCount, 1)
    assert.equal(last[1].rowCount, 3)
  })

  test('a long history is paged by key: twenty items, then the older ones', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ firstName: 'Jean', lastName: 'Jaurès' })
    for (let month = 1; month <= 23; month++)
      await invoiceFor(resident, 'enfance', `Facture numéro ${String(month).padStart(2, '0')}`)
    const agent = await createAgent({ services: ['enfance'] })
    const first = await client
      .get(`/agents/usagers/${resident.id}?type=invoice`)
      .withGuard('agent')
      .loginAs(agent)
    first.assertStatus(200)
    const shown = (html: string) => html.match(/Facture numéro \d\d/g) ?? []
    assert.lengthOf(shown(first.text()), 20)
    const older = first
      .text()
      .match(/href="(\/agents\/usagers\/\d+\?[^"#]*avant=[^"#]+)#historique"/)
    assert.exists(older, 'a link to the older items')
    const second = await client
      .get(older![1].replace(/&amp;/g, '&'))
      .withGuard('agent')
      .loginAs(agent)
    second.assertStatus(200)
    assert.lengthOf(shown(second.text()), 3)
    assert.sameMembers(
      [...shown(first.text()), ...shown(second.text())],
      Array.from({ length: 23 }, (_, i) => `Facture numéro ${String(i + 1).padStart(2, '0')}`)
    )
    const counts = (await AuditEntry.query().where('action', 'resident.viewed').orderBy('id')).map(
      (entry) => entry.rowCount
    )
    assert.deepEqual(counts, [20, 3])
  })
})
