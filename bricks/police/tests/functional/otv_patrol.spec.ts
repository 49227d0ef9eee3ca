import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { mailbox } from '#tests/support/smtp'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { enqueue } from '#jobs/enqueue'
import { purgePersonalData } from '#jobs/personal_data'
import { dailyLists } from '../../services/patrol_lists.js'
import OtvPassage from '../../models/otv_passage.js'
import { fileOtv, manyAbsences, town } from '../support.js'

const BASE = '/agents/police-municipale/tranquillite-vacances'

function at(moment: string) {
  clock.travelTo(moment, { freeze: true })
}

async function patrolAgent() {
  return createAgent({
    services: ['tranquillite_publique'],
    permissions: ['police.otv.patrol', 'police.otv.manage'],
  })
}

test.group('OTV patrol planning', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('500 absences in 6 sectors: each sector’s daily list is exactly the homes watched today, in round order', async ({
    assert,
  }) => {
    at('2027-07-15T08:00')
    const today = clock.today()
    const { rows, streets, streetSector } = await manyAbsences(500, 6)
    const streetName = new Map(streets.map((street) => [street.id, street.name as string]))
    const lists = await dailyLists(today)
    assert.lengthOf(lists, 6)
    for (const sector of lists) {
      const expected = rows
        .filter(
          (row) =>
            streetSector.get(streetName.get(row.street_id)!) === sector.id &&
            row.status === 'active' &&
            row.starts_on <= today &&
            row.ends_on >= today
        )
        .map((row) => `${streetName.get(row.street_id)} ${row.street_number} ${row.reference}`)
        .sort((a, b) => {
          const [sa, na] = [a.slice(0, 6), Number(a.split(' ')[2])]
          const [sb, nb] = [b.slice(0, 6), Number(b.split(' ')[2])]
          return (
            sa.localeCompare(sb) || na - nb || Number(a.split('-')[1]) - Number(b.split('-')[1])
          )
        })
      assert.isAbove(expected.length, 0)
      assert.deepEqual(
        sector.homes.map((home) => `${home.streetName} ${home.streetNumber} ${home.reference}`),
        expected
      )
    }
  })

  test('a passage with an anomaly mails the resident once; a passage without does not; the anomaly stays open until closed with a note', async ({
    client,
    assert,
  }) => {
    at('2027-07-01T10:00')
    const { centre } = await town()
    const user = await createResident({ email: 'absente@example.org' })
    const { absence } = await fileOtv(user)
    const agent = await patrolAgent()
    at('2027-07-12T22:15')
    const patrolPage = await client
      .get(`${BASE}/secteurs/${centre}/patrouille`)
      .withGuard('agent')
      .loginAs(agent)
    patrolPage.assertStatus(200)
    patrolPage.assertTextIncludes('12 Rue de la République')
    patrolPage.assertTextIncludes('Volets fermés')

    const withAnomaly = await client
      .post(`${BASE}/foyers/${absence.id}/passages`)
      .form({ sector: centre, remark: 'Porte du garage ouverte', anomaly: 'yes' })
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    withAnomaly.assertStatus(303)
    const mail = await mailbox.waitFor('absente@example.org', /anomalie/)
    assert.include(mail.text!, 'Porte du garage ouverte')
    assert.include(mail.text!, '12/07/2027 22:15')

    const quiet = await client
      .post(`${BASE}/foyers/${absence.id}/passages`)
      .form({ sector: centre, remark: '', anomaly: 'no' })
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    quiet.assertStatus(303)
    await mailbox.deliver()
    // besides the receipt of the declaration, one mail: the anomaly's
    assert.lengthOf(
      mailbox.for('absente@example.org').filter((received) => /anomalie/.test(received.subject!)),
      1
    )

    // the patrol now sees the key holder to call
    const again = await client
      .get(`${BASE}/secteurs/${centre}/patrouille`)
      .withGuard('agent')
      .loginAs(agent)
    again.assertTextIncludes('Anomalie ouverte')
    again.assertTextIncludes('Jeanne Voisine 06 98 76 54 32')

    const open = await OtvPassage.query().where('anomaly', true).firstOrFail()
    const closed = await client
      .post(`${BASE}/passages/${open.id}/cloture`)
      .form({ note: 'Voisine appelée, porte refermée' })
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    closed.assertStatus(303)
    await open.refresh()
    assert.isNotNull(open.anomalyClosedAt)
    assert.equal(open.anomalyNote, 'Voisine appelée, porte refermée')
    const overview = await client.get(BASE).withGuard('agent').loginAs(agent)
    overview.assertTextIncludes('Aucune anomalie ouverte.')
  })

  test('the chief sees the homes behind the weekly target of passages', async ({ client }) => {
    at('2027-07-01T10:00')
    await town()
    const user = await createResident()
    await fileOtv(user)
    const agent = await patrolAgent()
    at('2027-07-20T10:00')
    const page = await client.get(BASE).withGuard('agent').loginAs(agent)
    page.assertStatus(200)
    page.assertTextIncludes('Logements en retard (1)')
  })

  test('the day after return, the resident receives a summary that counts the passages; after the retention period only anonymous statistics remain', async ({
    assert,
  }) => {
    at('2027-07-01T10:00')
    await town()
    const user = await createResident({ email: 'retour@example.org' })
    const { absence } = await fileOtv(user)
    for (const [day, anomaly] of [
      ['2027-07-12T21:00', false],
      ['2027-07-14T22:00', true],
      ['2027-07-18T23:00', false],
    ] as const) {
      at(day)
      await OtvPassage.create({
        absenceId: absence.id,
        agentId: null,
        passedAt: clock.now(),
        anomaly,
      })
    }
    at('2027-07-25T09:00')
    await enqueue('police_otv_summaries', {})
    await mailbox.deliver()
    const summaries = () =>
      mailbox.for('retour@example.org').filter((received) => /bilan/.test(received.subject!))
    assert.lengthOf(summaries(), 0)

    at('2027-07-26T08:00')
    await enqueue('police_otv_summaries', {})
    const mail = await mailbox.waitFor('retour@example.org', /bilan/)
    assert.include(mail.text!, '3 fois')
    assert.include(mail.text!, 'Une anomalie constatée.')
    // a second run sends nothing more
    await enqueue('police_otv_summaries', {})
    await mailbox.deliver()
    assert.lengthOf(summaries(), 1)

    at('2028-01-24T12:00')
    await purgePersonalData()
    assert.lengthOf(await db.from('police_otv_absences'), 1)
    at('2028-01-26T12:00')
    await purgePersonalData()
    assert.lengthOf(await db.from('police_otv_absences'), 0)
    assert.lengthOf(await db.from('police_otv_passages'), 0)
    const statistics = await db
      .from('police_otv_statistics')
      .select('month', 'sector', 'homes', 'passages', 'anomalies')
    assert.deepEqual(
      statistics.map((row) => ({
        ...row,
        homes: Number(row.homes),
        passages: Number(row.passages),
        anomalies: Number(row.anomalies),
      })),
      [{ month: '2027-07', sector: 'Centre', homes: 1, passages: 3, anomalies: 1 }]
    )
  })

  test('a childhood or social agent gets 404 on every police page; an agent of the service without the permission too', async ({
    client,
  }) => {
    at('2027-07-01T10:00')
    const { centre } = await town()
    const user = await createResident()
    const { absence } = await fileOtv(user)
    const pages = [
      BASE,
      `${BASE}/secteurs`,
      `${BASE}/secteurs/${centre}/impression`,
      `${BASE}/secteurs/${centre}/patrouille`,
    ]
    const posts = [
      `${BASE}/foyers/${absence.id}/passages`,
      `${BASE}/passages/1/cloture`,
      `${BASE}/secteurs`,
      `${BASE}/rues`,
    ]
    const outsiders = [
      await createAgent({ services: ['enfance'], permissions: ['childhood.registrations.manage'] }),
      await createAgent({ services: ['solidarites'] }),
      await createAgent({ services: ['tranquillite_publique'] }),
    ]
    for (const agent of outsiders) {
      for (const page of ['/agents/police-municipale', ...pages]) {
        if (page === '/agents/police-municipale' && agent === outsiders[2]) continue
        const response = await client.get(page).withGuard('agent').loginAs(agent)
        response.assertStatus(404)
      }
      for (const page of posts) {
        const response = await client
          .post(page)
          .form({ anomaly: 'no', note: 'x', name: 'x', streets: 'x' })
          .withCsrfToken()
          .withGuard('agent')
          .loginAs(agent)
        response.assertStatus(404)
      }
    }
  })

  test('the resident’s and the patrol’s pages read in English for English readers', async ({
    client,
  }) => {
    at('2027-07-01T10:00')
    const { centre } = await town()
    const user = await createResident()
    const { absence } = await fileOtv(user)
    const english = (request: ReturnType<typeof client.get>) =>
      request.header('Accept-Language', 'en-GB,en;q=0.8')
    const page = await english(client.get('/police-municipale/tranquillite-vacances'))
    page.assertTextIncludes('Declare your absence at least 3 days before you leave.')
    const own = await english(
      client.get(`/police-municipale/tranquillite-vacances/${absence.id}`).loginAs(user)
    )
    own.assertTextIncludes('Change the dates')
    at('2027-07-12T21:00')
    const patrol = await english(
      client
        .get(`${BASE}/secteurs/${centre}/patrouille`)
        .withGuard('agent')
        .loginAs(await patrolAgent())
    )
    patrol.assertTextIncludes('Patrol — Centre')
    patrol.assertTextIncludes('Record the passage')
  })
})
