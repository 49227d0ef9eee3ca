import { test } from '@japa/runner'
import Payment from '#payments/models/payment'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { clock } from '#core/clock'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { demand, waitingWork } from '#tests/support/agent_home'

/*
 * /agents shows the work waiting in the agent's own services, as counts the
 * enabled modules contribute (agentDashboard). The core's counts are tried
 * here in services no brick serves; each brick tries its own in its folder.
 */

test.group('Agents’ home', () => {
  test('each agent sees the waiting work of their own services only', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-02T11:00:00', { freeze: true })
    const front = await createAgent({ services: ['accueil'] })
    const planning = await createAgent({ services: ['urbanisme'] })
    const sports = await createAgent({ services: ['sports'] })
    const finance = await createAgent({ services: ['finances'] })
    const nobody = await createAgent()

    await demand('accueil')
    await demand('accueil', { assigneeId: front.id })
    await demand('accueil', { closed: true })
    for (let index = 0; index < 3; index++) await demand('urbanisme')

    const resident = await createResident()
    const invoice = await issueInvoice({
      payer: { userId: resident.id, name: resident.fullName, email: resident.email },
      serviceSlug: 'sports',
      label: 'Stage de voile',
      dueOn: '2030-01-31',
      lines: [{ label: 'Stage', quantity: 1, unitCents: 450 }],
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
    assert.deepEqual(await home(planning), [
      '3 demandes ouvertes dans vos services → /agents/demandes',
      '3 demandes sans agent → /agents/demandes?assignation=nobody',
    ])
    assert.deepEqual(await home(sports), [
      'Aucune demande ouverte dans vos services → /agents/demandes',
      'Aucune demande sans agent → /agents/demandes?assignation=nobody',
      '1 paiement à vérifier → /agents/paiements',
    ])
    assert.include(await home(finance), '1 paiement à vérifier → /agents/paiements')
    assert.deepEqual(await home(nobody), [])
  })
})
