import { test } from '@japa/runner'
import Appointment from '#appointments/models/appointment'
import AuditEntry from '#accounts/models/audit_entry'
import Demand from '#demands/models/demand'
import { clock } from '#core/clock'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

/*
 * One confidentiality mechanism for every module: the fixture declares the
 * service `discretion` confidential in its manifest. Its demands and
 * appointments are for its own agents only, shown to other services' agents
 * at most as a booked slot, and every opening is audited.
 */

async function residentWithConfidentialRecords() {
  const resident = await createResident({
    email: 'rose.valland@example.org',
    firstName: 'Rose',
    lastName: 'Valland',
  })
  const filed = await fileThreeStepDemand(resident)
  await Demand.query().where('id', filed.id).update({ service_slug: 'discretion' })
  const demand = await Demand.findOrFail(filed.id)
  const { point, type } = await createAgenda({ service: 'discretion' })
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
  return { resident, demand, appointment, point, type }
}

function openings(agentId: number) {
  return AuditEntry.query().where('agentId', agentId).where('action', 'confidential.opened')
}

test.group('Confidential services', () => {
  test('the front desk sees the confidential appointment in the 360° view only as a booked slot of the service', async ({
    client,
    assert,
  }) => {
    const { resident, appointment, point, type } = await residentWithConfidentialRecords()
    const desk = await createAgent({ services: ['accueil'] })
    const page = await client.get(`/agents/usagers/${resident.id}`).withGuard('agent').loginAs(desk)
    page.assertStatus(200)
    page.assertTextIncludes(`id="appointment-${appointment.id}"`)
    page.assertTextIncludes('Rendez-vous Service discret')
    page.assertTextIncludes('Réservé')
    assert.notInclude(page.text(), type.label)
    assert.notInclude(page.text(), point.name)
  })

  test('a masked slot alone does not open the resident’s record to a service that shares nothing with them', async ({
    client,
  }) => {
    const { resident } = await residentWithConfidentialRecords()
    const police = await createAgent({ services: ['voirie'] })
    const page = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(police)
    page.assertStatus(404)
  })

  test('an agent of another service gets "not found" on the appointment; an agent of the service opens it and the audit log shows it', async ({
    client,
    assert,
  }) => {
    const { resident, appointment, type } = await residentWithConfidentialRecords()
    const enfance = await createAgent({ services: ['enfance'] })
    const refused = await client
      .get(`/agents/rendez-vous/${appointment.id}`)
      .withGuard('agent')
      .loginAs(enfance)
    refused.assertStatus(404)
    assert.lengthOf(await openings(enfance.id), 0)

    const own = await createAgent({ services: ['discretion'] })
    const opened = await client
      .get(`/agents/rendez-vous/${appointment.id}`)
      .withGuard('agent')
      .loginAs(own)
    opened.assertStatus(200)
    opened.assertTextIncludes(resident.lastName)
    const entries = await openings(own.id)
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].detail, `RDV-${appointment.id}`)

    const record = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(own)
    record.assertTextIncludes(type.label)
  })

  test('a confidential demand is nowhere for another service: inbox, search, export, 360° view, its page', async ({
    client,
    assert,
  }) => {
    const { resident, demand } = await residentWithConfidentialRecords()
    const desk = await createAgent({ services: ['accueil', 'urbanisme'] })
    const paths = [
      '/agents/demandes',
      `/agents/demandes?q=${encodeURIComponent(demand.reference!)}`,
      `/agents/demandes?q=Valland`,
      '/agents/demandes/export.csv',
      `/agents/usagers/${resident.id}`,
    ]
    for (const path of paths) {
      const response = await client.get(path).withGuard('agent').loginAs(desk)
      assert.equal(response.status(), 200, path)
      assert.notInclude(response.text(), `/agents/demandes/${demand.id}"`, path)
      assert.notInclude(response.text(), `id="select-${demand.id}"`, path)
      // The page repeats a reference searched for (search box, saved filter): anywhere else, it is the demand.
      if (!path.includes('PRV-')) assert.notInclude(response.text(), demand.reference!, path)
    }
    const page = await client.get(`/agents/demandes/${demand.id}`).withGuard('agent').loginAs(desk)
    page.assertStatus(404)
    assert.lengthOf(await openings(desk.id), 0)
  })

  test('an agent of the service opens the confidential demand: audited, and it cannot be sent to another service', async ({
    client,
    assert,
  }) => {
    const { demand } = await residentWithConfidentialRecords()
    const own = await createAgent({ services: ['discretion'] })
    const page = await client.get(`/agents/demandes/${demand.id}`).withGuard('agent').loginAs(own)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Transmettre à un autre service')
    const entries = await openings(own.id)
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].demandId, demand.id)

    const transfer = await client
      .post(`/agents/demandes/${demand.id}/transmission`)
      .withGuard('agent')
      .loginAs(own)
      .withCsrfToken()
      .form({ service: 'urbanisme', transferComment: 'Pour information' })
    transfer.assertStatus(404)
    await demand.refresh()
    assert.equal(demand.serviceSlug, 'discretion')
  })
})
