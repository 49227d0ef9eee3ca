import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { createAgent } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'
import { appointment, demand, waitingWork } from '#tests/support/agent_home'
import { TITLE_TYPE } from '../../appointments.js'

test.group('Formalities: the work waiting on the agents’ home', () => {
  test('an agent of état civil sees today’s booked appointments at the état civil counters, not cancelled, tomorrow’s or another service’s', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-02T11:00:00', { freeze: true })
    const registry = await createAgent({ services: ['etat_civil'] })
    for (let index = 0; index < 3; index++) await demand('etat_civil')

    const { point, type } = await createAgenda({ type: { key: TITLE_TYPE } })
    const other = await createAgenda({
      service: 'social',
      type: { key: 'social_logement', serviceSlug: 'social' },
    })
    const today = clock.local().set({ hour: 15, minute: 0 }).toUTC()
    await appointment(type.id, point.id, today)
    await appointment(type.id, point.id, today.plus({ minutes: 15 }), 'cancelled')
    await appointment(type.id, point.id, today.plus({ days: 1 }))
    await appointment(other.type.id, other.point.id, today)

    const response = await client.get('/agents').withGuard('agent').loginAs(registry)
    response.assertStatus(200)
    assert.deepEqual(waitingWork(response.text()), [
      '3 demandes ouvertes dans vos services → /agents/demandes',
      '3 demandes sans agent → /agents/demandes?assignation=nobody',
      '1 rendez-vous aujourd’hui aux guichets de l’état civil → /agents/formalites',
    ])
  })
})
