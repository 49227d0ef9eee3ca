import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { geocoder } from '#connectors/address_base/geocoder'
import { createAgent } from '#tests/support/factories/accounts'
import seedPolice, { DEMO_SECTORS } from '../../database/seeders/demo.js'
import { dailyLists } from '../../services/patrol_lists.js'
import { checkAddress } from '../../services/otv_address.js'

test.group('OTV in the demo city', (group) => {
  group.each.setup(() => {
    clock.travelTo('2027-07-14T10:00:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('the seed cuts the demo streets into sectors, with homes watched today and passages; every demo street is known to the address simulator', async ({
    client,
    assert,
  }) => {
    await db.transaction((trx) => seedPolice({ trx }))
    await db.transaction((trx) => seedPolice({ trx }))
    const lists = await dailyLists()
    assert.deepEqual(
      lists.map((sector) => sector.name),
      ['Centre', 'Europe', 'Gare']
    )
    assert.equal(
      lists.reduce((sum, sector) => sum + sector.homes.length, 0),
      9
    )
    assert.isTrue(lists.some((sector) => sector.homes.some((home) => home.openAnomaly)))
    assert.isTrue(lists.every((sector) => sector.homes.some((home) => home.recentPassages > 0)))

    for (const street of Object.values(DEMO_SECTORS).flat()) {
      const [found] = await (await geocoder()).search(`5 ${street}`, 1)
      assert.equal(found?.street, street)
      assert.deepEqual(await checkAddress({ streetNumber: 5, street }), { answers: { street } })
    }

    const agent = await createAgent({
      services: ['tranquillite_publique'],
      permissions: ['police.otv.patrol'],
    })
    const page = await client
      .get('/agents/police-municipale/tranquillite-vacances')
      .withGuard('agent')
      .loginAs(agent)
    page.assertStatus(200)
    page.assertTextIncludes('Fenêtre du garage entrouverte')
    const centre = lists.find((sector) => sector.name === 'Centre')!
    const patrol = await client
      .get(`/agents/police-municipale/tranquillite-vacances/secteurs/${centre.id}/patrouille`)
      .withGuard('agent')
      .loginAs(agent)
    patrol.assertTextIncludes('12 Rue de la République')
  })
})
