import { test } from '@japa/runner'
import AuditEntry from '#accounts/models/audit_entry'
import { createAgent } from '#tests/support/factories/accounts'
import Registration from '../../models/registration.js'
import { family, wednesdayActivity } from '../support.js'

/*
 * The family's registrations in an agent's 360° view (/agents/usagers/:id):
 * the brick gives them through its residentSpace timeline, to the agents of
 * its service only.
 */
test.group('Childhood registrations in the resident 360° view', () => {
  test('an enfance agent sees the registrations, linked to the session; another service does not', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await family()
    const { session } = await wednesdayActivity()
    await Registration.create({
      sessionId: session.id,
      householdMemberId: ines.id,
      userId: user.id,
      status: 'placed',
      attendance: {},
    })
    const enfance = await createAgent({ services: ['enfance'] })
    const page = await client.get(`/agents/usagers/${user.id}`).withGuard('agent').loginAs(enfance)
    page.assertStatus(200)
    page.assertTextIncludes('Mercredis sportifs')
    page.assertTextIncludes(`href="/agents/enfance/sessions/${session.id}"`)
    page.assertTextIncludes('Inès')

    const accueil = await createAgent({ services: ['accueil'] })
    const other = await client.get(`/agents/usagers/${user.id}`).withGuard('agent').loginAs(accueil)
    other.assertStatus(200)
    assert.notInclude(other.text(), 'Mercredis sportifs')
    assert.notInclude(other.text(), 'Inès')

    const police = await createAgent({ services: ['police_municipale'] })
    const refused = await client
      .get(`/agents/usagers/${user.id}`)
      .withGuard('agent')
      .loginAs(police)
    refused.assertStatus(404)
    assert.notInclude(refused.text(), 'Mercredis sportifs')

    const counts = (await AuditEntry.query().where('action', 'resident.viewed').orderBy('id')).map(
      (entry) => [entry.agentId, entry.rowCount]
    )
    assert.deepEqual(counts, [
      [enfance.id, 1],
      [accueil.id, 0],
    ])
  })
})
