import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { Worker } from '#jobs/worker'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { optInToSms, smsReceivedBy } from '#tests/support/factories/sms'
import { fileOtv, town } from '../support.js'

const BASE = '/agents/police-municipale/tranquillite-vacances'

function at(moment: string) {
  clock.travelTo(moment, { freeze: true })
}

test.group('OTV anomalies by SMS', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('an anomaly found at 23:15 is sent by SMS at once to a resident who opted in (urgent: quiet hours do not hold it), a quiet passage is not', async ({
    client,
    assert,
  }) => {
    at('2027-07-01T10:00')
    const { centre } = await town()
    const user = await createResident()
    const number = await optInToSms(user)
    const { absence } = await fileOtv(user)
    const agent = await createAgent({
      services: ['tranquillite_publique'],
      permissions: ['police.otv.patrol', 'police.otv.manage'],
    })
    at('2027-07-12T23:15')
    for (const anomaly of ['no', 'yes'])
      await client
        .post(`${BASE}/foyers/${absence.id}/passages`)
        .form({ sector: centre, remark: 'Porte du garage ouverte', anomaly })
        .withCsrfToken()
        .withGuard('agent')
        .loginAs(agent)
        .redirects(0)
    await new Worker().drain()
    const messages = await smsReceivedBy(number)
    assert.lengthOf(messages, 1)
    assert.include(messages[0].text, `Opération Tranquillité Vacances ${absence.reference}`)
    assert.include(messages[0].text, 'une patrouille a constaté une anomalie')
    assert.equal(messages[0].createdAt.setZone('Europe/Paris').toFormat('HH:mm'), '23:15')
  })
})
