import { test } from '@japa/runner'
import Appointment from '#appointments/models/appointment'
import AuditEntry from '#accounts/models/audit_entry'
import Job from '#jobs/job'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'
import { inputErrors } from '#tests/support/http'
import { HOUSING_TYPE } from '../../services/housing.js'

/** The housing adviser's agenda, as an admin sets it up: the social service's point and the social_logement type. */
function housingAgenda() {
  return createAgenda({
    service: 'solidarites',
    type: { key: HOUSING_TYPE, label: 'Logement social', durationMinutes: 30 },
  })
}

/** The first slot the booking page offers (its radio's value). */
async function firstOfferedSlot(client: any, resident: any) {
  const page = await client.get('/solidarites/logement').withGuard('web').loginAs(resident)
  const value = /name="slot"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="slot"/.exec(page.text())
  if (!value) throw new Error('No slot offered')
  return (value[1] ?? value[2]).replaceAll('&#x7C;', '|').replaceAll('&#124;', '|')
}

test.group('Social-housing appointments (/solidarites/logement)', () => {
  test('a resident books a housing appointment and the confirmation lists the documents to bring', async ({
    client,
    assert,
  }) => {
    await housingAgenda()
    const resident = await createResident({ firstName: 'Awa', lastName: 'Diallo' })
    const slot = await firstOfferedSlot(client, resident)
    const booked = await client
      .post('/solidarites/logement')
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .form({ purpose: 'renew', applicationNumber: '091 12 23 00012 3456 a', slot })
      .redirects(0)
    assert.deepEqual(inputErrors(booked), {})
    const appointment = await Appointment.query().where('userId', resident.id).firstOrFail()
    assert.equal(booked.header('location'), `/solidarites/logement/${appointment.id}`)
    assert.deepEqual(
      { purpose: appointment.details.purpose, number: appointment.details.applicationNumber },
      { purpose: 'renew', number: '0911223000123456A' }
    )
    const confirmation = await client
      .get(`/solidarites/logement/${appointment.id}`)
      .withGuard('web')
      .loginAs(resident)
    confirmation.assertStatus(200)
    confirmation.assertTextIncludes('Documents à apporter')
    confirmation.assertTextIncludes('Votre dernier avis d’imposition')
    confirmation.assertTextIncludes('L’attestation d’enregistrement de votre demande')
    // The same list leaves by mail, with the booking (its mail is proven in tests/job_samples.ts).
    const jobs = await Job.query().where('name', 'social_housing_documents')
    assert.deepEqual(
      jobs.map((job) => JSON.parse(job.payload).appointmentId),
      [appointment.id]
    )
  })

  test('a national number that has not the format is refused next to its field', async ({
    client,
    assert,
  }) => {
    await housingAgenda()
    const resident = await createResident()
    const slot = await firstOfferedSlot(client, resident)
    const refused = await client
      .post('/solidarites/logement')
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .form({ purpose: 'file', applicationNumber: 'ABC123', slot })
      .redirects(0)
    assert.property(inputErrors(refused), 'applicationNumber')
    assert.lengthOf(await Appointment.query().where('userId', resident.id), 0)
  })

  test('the front desk sees the slot only as booked; a childhood agent gets 404; a social agent opens it, audited, and records the outcome', async ({
    client,
    assert,
  }) => {
    const { type } = await housingAgenda()
    const resident = await createResident({ firstName: 'Awa', lastName: 'Diallo' })
    const slot = await firstOfferedSlot(client, resident)
    await client
      .post('/solidarites/logement')
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .form({ purpose: 'file', slot })
    const appointment = await Appointment.query().where('userId', resident.id).firstOrFail()

    const desk = await createAgent({ services: ['accueil'] })
    const record = await client
      .get(`/agents/usagers/${resident.id}`)
      .withGuard('agent')
      .loginAs(desk)
    record.assertStatus(200)
    record.assertTextIncludes('Rendez-vous Solidarités')
    record.assertTextIncludes('Réservé')
    assert.notInclude(record.text(), type.label)
    assert.notInclude(record.text(), 'Déposer une demande de logement social')

    const enfance = await createAgent({ services: ['enfance'] })
    for (const path of [
      `/agents/rendez-vous/${appointment.id}`,
      `/agents/solidarites/logement/${appointment.id}`,
      '/agents/solidarites/logement',
    ]) {
      const response = await client.get(path).withGuard('agent').loginAs(enfance)
      assert.equal(response.status(), 404, path)
    }
    const list = await client.get('/agents/rendez-vous').withGuard('agent').loginAs(enfance)
    assert.notInclude(list.text(), 'Diallo')

    const adviser = await createAgent({ services: ['solidarites'] })
    const opened = await client
      .get(`/agents/solidarites/logement/${appointment.id}`)
      .withGuard('agent')
      .loginAs(adviser)
    opened.assertStatus(200)
    opened.assertTextIncludes('Diallo')
    opened.assertTextIncludes('Déposer une demande de logement social')
    const audit = await AuditEntry.query()
      .where('agentId', adviser.id)
      .where('action', 'confidential.opened')
    assert.deepEqual(
      audit.map((entry) => entry.detail),
      [`RDV-${appointment.id}`]
    )

    await client
      .post(`/agents/solidarites/logement/${appointment.id}/issue`)
      .withGuard('agent')
      .loginAs(adviser)
      .withCsrfToken()
      .form({ outcome: 'filed' })
    await appointment.refresh()
    assert.equal(appointment.details.outcome, 'filed')
    const statistics = await client
      .get('/agents/solidarites/logement')
      .withGuard('agent')
      .loginAs(adviser)
    statistics.assertTextIncludes('Demande déposée')
  })
})
