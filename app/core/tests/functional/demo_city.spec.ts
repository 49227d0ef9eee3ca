import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import { DEMO_RESIDENT, seedDemoCity } from '#core/demo/demo_city'

test.group('Demo city', () => {
  test('the demo resident has two demands the front desk finds in its inbox; seeding twice adds nothing', async ({
    client,
    assert,
  }) => {
    await db.transaction((trx) => seedDemoCity(trx))
    await db.transaction((trx) => seedDemoCity(trx))
    const resident = await User.findByOrFail('email', DEMO_RESIDENT.email)
    const demands = await Demand.query().where('userId', resident.id)
    assert.lengthOf(demands, 2)
    assert.sameMembers(
      demands.map((demand) => demand.state),
      ['submitted', 'in_review']
    )

    const karim = await Agent.findByOrFail('email', 'accueil@parvis.localhost')
    const inbox = await client.get('/agents/demandes').withGuard('agent').loginAs(karim)
    for (const demand of demands) inbox.assertTextIncludes(demand.reference!)
    const police = await Agent.findByOrFail('email', 'police@parvis.localhost')
    const other = await client.get('/agents/demandes').withGuard('agent').loginAs(police)
    for (const demand of demands) assert.notInclude(other.text(), demand.reference!)

    const space = await client
      .get(`/mon-espace/demandes/${demands.find((demand) => demand.state === 'in_review')!.id}`)
      .withGuard('web')
      .loginAs(resident)
    space.assertTextIncludes('les services techniques interviendront cette semaine')
  })
})
