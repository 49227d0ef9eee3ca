import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import Demand from '#demands/models/demand'
import Appointment from '#appointments/models/appointment'
import Payment from '#payments/models/payment'
import { issueInvoice } from '#payments/actions/issue_invoice'
import modules from '#core/services/modules'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'

/*
 * /agents shows the work waiting in the agent's own services, as counts the
 * enabled modules contribute (agentDashboard). Childhood rows are written
 * through the brick's tables: the core's tests never import a brick.
 */

let sequence = 0

async function demand(service: string, options: { closed?: boolean; assigneeId?: number } = {}) {
  const n = ++sequence
  return Demand.create({
    reference: `DEM-A-${n}`,
    procedureKey: 'nous-contacter',
    serviceSlug: service,
    state: options.closed ? 'accepted' : 'submitted',
    origin: 'web',
    answers: {},
    currentStep: 1,
    submittedAt: clock.now(),
    closedAt: options.closed ? clock.now() : null,
    assigneeId: options.assigneeId ?? null,
  })
}

async function appointment(
  typeId: number,
  pointId: number,
  startsAt: ReturnType<typeof clock.now>,
  status: Appointment['status'] = 'booked'
) {
  return Appointment.create({
    meetingPointId: pointId,
    meetingTypeId: typeId,
    desk: 1,
    startsAt,
    endsAt: startsAt.plus({ minutes: 15 }),
    status,
    persons: 1,
    userId: null,
    firstName: 'Camille',
    lastName: 'Durand',
    email: null,
    phone: null,
    details: {},
    origin: 'counter',
  })
}

async function childhoodRegistrations(resident: User) {
  const child = await HouseholdMember.create({
    userId: resident.id,
    kind: 'child',
    firstName: 'Léa',
    lastName: 'Durand',
  })
  const [activity] = await db
    .table('childhood_activities')
    .insert({
      kind: 'periscolaire',
      name: 'Mercredis',
      min_age: 3,
      max_age: 11,
      pricing: 'session',
      prices: '{"A":300,"B":600,"C":900,"D":1200}',
      opens_on: '2020-01-01',
      closes_on: '2099-01-01',
      active: true,
    })
    .returning('id')
  const [session] = await db
    .table('childhood_sessions')
    .insert({
      activity_id: idOf(activity),
      label: 'Mercredi',
      starts_on: '2030-01-02',
      ends_on: '2030-01-02',
      capacity: 10,
    })
    .returning('id')
  const now = dbTimestamp(clock.now().toUTC())
  const row = (status: string, acceptedAt: string | null) => ({
    session_id: idOf(session),
    household_member_id: child.id,
    user_id: resident.id,
    status,
    accepted_at: acceptedAt,
    attendance: '{}',
    created_at: now,
    updated_at: now,
  })
  await db
    .table('childhood_registrations')
    .multiInsert([
      row('placed', null),
      row('placed', null),
      row('placed', now),
      row('waiting', null),
    ])
  await db.table('childhood_quotients').insert({
    user_id: resident.id,
    value: 500,
    document_key: null,
    document_name: null,
    status: 'pending',
    created_at: now,
    updated_at: now,
  })
}

function idOf(row: unknown) {
  return Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
}

/** The "work waiting" list of /agents: each entry's text and link. */
function waitingWork(html: string) {
  const list = html.match(/<ul class="waiting-work">([\s\S]*?)<\/ul>/)
  if (!list) return []
  return [...list[1].matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(
    (match) => `${match[2].replace(/&#39;|&rsquo;/g, '’')} → ${match[1].replace(/&amp;/g, '&')}`
  )
}

test.group('Agents’ home', () => {
  test('each agent sees the waiting work of their own services only', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-02T11:00:00', { freeze: true })
    const front = await createAgent({ services: ['accueil'] })
    const registry = await createAgent({ services: ['etat_civil'] })
    const childhood = await createAgent({ services: ['enfance'] })
    const finance = await createAgent({ services: ['finances'] })
    const nobody = await createAgent()

    await demand('accueil')
    await demand('accueil', { assigneeId: front.id })
    await demand('accueil', { closed: true })
    for (let index = 0; index < 3; index++) await demand('etat_civil')

    const { point, type } = await createAgenda({ type: { key: 'administration_titre' } })
    const other = await createAgenda({
      service: 'social',
      type: { key: 'social_logement', serviceSlug: 'social' },
    })
    const today = clock.local().set({ hour: 15, minute: 0 }).toUTC()
    await appointment(type.id, point.id, today)
    await appointment(type.id, point.id, today.plus({ minutes: 15 }), 'cancelled')
    await appointment(type.id, point.id, today.plus({ days: 1 }))
    await appointment(other.type.id, other.point.id, today)

    const resident = await createResident()
    await childhoodRegistrations(resident)
    const invoice = await issueInvoice({
      payer: { userId: resident.id, name: resident.fullName, email: resident.email },
      serviceSlug: 'enfance',
      label: 'Cantine',
      dueOn: '2030-01-31',
      lines: [{ label: 'Repas', quantity: 1, unitCents: 450 }],
    })
    await Payment.create({
      invoiceId: invoice.id,
      provider: 'payfip',
      refdet: 'REFMISMATCH',
      amountCents: 450,
      status: 'mismatch',
    })

    const home = async (agent: typeof front) => {
      const response = await client.get('/agents').withGuard('agent').loginAs(agent)
      response.assertStatus(200)
      return waitingWork(response.text())
    }
    assert.deepEqual(await home(front), [
      '2 demandes ouvertes dans vos services → /agents/demandes',
      '1 demande sans agent → /agents/demandes?assignation=nobody',
    ])
    assert.deepEqual(await home(registry), [
      '3 demandes ouvertes dans vos services → /agents/demandes',
      '3 demandes sans agent → /agents/demandes?assignation=nobody',
      '1 rendez-vous aujourd’hui aux guichets de l’état civil → /agents/formalites',
    ])
    assert.deepEqual(await home(childhood), [
      'Aucune demande ouverte dans vos services → /agents/demandes',
      'Aucune demande sans agent → /agents/demandes?assignation=nobody',
      '1 paiement à vérifier → /agents/paiements',
      '2 inscriptions à accepter → /agents/enfance',
      '1 quotient à vérifier → /agents/enfance/quotients',
    ])
    assert.include(await home(finance), '1 paiement à vérifier → /agents/paiements')
    assert.deepEqual(await home(nobody), [])

    modules.enableFromSetting('administration')
    try {
      assert.notInclude((await home(childhood)).join('\n'), 'inscriptions à accepter')
    } finally {
      modules.enableFromSetting(undefined)
    }
  })
})
