import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import Payment from '#payments/models/payment'
import { issueInvoice } from '#payments/actions/issue_invoice'
import modules from '#core/services/modules'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { demand, waitingWork } from '#tests/support/agent_home'

async function childhoodRegistrations(resident: User) {
  const child = await HouseholdMember.create({
    userId: resident.id,
    kind: 'child',
    firstName: 'Léa',
    lastName: 'Durand',
  })
  const [activity] = await db
    .table('activities')
    .insert({
      owner: 'childhood',
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
    .table('activity_sessions')
    .insert({
      owner: 'childhood',
      activity_id: idOf(activity),
      label: 'Mercredi',
      starts_on: '2030-01-02',
      ends_on: '2030-01-02',
      capacity: 10,
    })
    .returning('id')
  const now = dbTimestamp(clock.now().toUTC())
  const row = (status: string, acceptedAt: string | null) => ({
    owner: 'childhood',
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
    .table('activity_registrations')
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

test.group('Childhood: the work waiting on the agents’ home', () => {
  test('an agent of enfance sees the registrations to accept, the quotients to check and the service’s payments to verify; a disabled brick shows none of its own', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-02T11:00:00', { freeze: true })
    const childhood = await createAgent({ services: ['enfance'] })
    await demand('accueil')
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

    const home = async () => {
      const response = await client.get('/agents').withGuard('agent').loginAs(childhood)
      response.assertStatus(200)
      return waitingWork(response.text())
    }
    assert.deepEqual(await home(), [
      'Aucune demande ouverte dans vos services → /agents/demandes',
      'Aucune demande sans agent → /agents/demandes?assignation=nobody',
      '1 paiement à vérifier → /agents/paiements',
      '2 inscriptions à accepter → /agents/enfance',
      '1 quotient à vérifier → /agents/enfance/quotients',
    ])

    modules.enableFromSetting('none')
    try {
      const without = (await home()).join('\n')
      assert.notInclude(without, 'inscriptions à accepter')
      assert.notInclude(without, 'quotient à vérifier')
    } finally {
      modules.enableFromSetting(undefined)
    }
  })
})
