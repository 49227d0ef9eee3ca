import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import modules from '#core/services/modules'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { waitingWork } from '#tests/support/agent_home'
import Alert from '../../models/alert.js'
import AlertCall from '../../models/alert_call.js'
import RegisterEntry from '../../models/register_entry.js'
import Sector from '../../models/sector.js'
import { alertCounts, alertStatistics, callLists } from '../../queries/call_lists.js'
import { registerRetention } from '../../retention.js'
import { fourSectors, registeredPeople } from '../register_support.js'

/** Tuesday 14 July 2026, 9:00 in Paris: a heat wave. */
function heatWaveMorning(day = '2026-07-14') {
  clock.travelTo(`${day}T09:00:00+02:00`, { freeze: true })
}

async function socialAgent(permissions: string[] = []) {
  return createAgent({ services: ['solidarites'], permissions })
}

async function openAlert(agent: Awaited<ReturnType<typeof socialAgent>>, client: any) {
  const opened = await client
    .post('/agents/solidarites/alertes')
    .form({ kind: 'heat', startsOn: '2026-07-14', endsOn: '2026-07-17' })
    .withGuard('agent')
    .loginAs(agent)
    .withCsrfToken()
    .redirects(0)
  opened.assertStatus(303)
  const alert = await Alert.query().orderBy('id', 'desc').firstOrFail()
  opened.assertHeader('location', `/agents/solidarites/alertes/${alert.id}`)
  return alert
}

function logCall(client: any, agent: unknown, alert: Alert, entry: number, outcome: string) {
  return client
    .post(`/agents/solidarites/alertes/${alert.id}/appels`)
    .form({ entry: String(entry), outcome })
    .withGuard('agent')
    .loginAs(agent)
    .withCsrfToken()
    .redirects(0)
}

const MOTHER = {
  relation: 'relative',
  lastName: 'Durand',
  firstName: 'Jeanne',
  birthDate: '1948-03-12',
  phone: '01 60 12 34 56',
  addressLine: '4 allée des Tilleuls',
  postalCode: '91000',
  city: 'Évry-Courcouronnes',
  referentName: 'Claire Durand',
  referentPhone: '06 12 34 56 78',
  needs: 'Vit seule, se déplace difficilement',
}

test.group('Social: the register of vulnerable people and its alerts', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('a heat-wave alert over 300 registered people in 4 sectors gives 4 call lists, each the people of its sector sorted by name', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const sectors = await fourSectors()
    const people = await registeredPeople(
      300,
      sectors.map((sector) => sector.id)
    )
    const agent = await socialAgent()
    const alert = await openAlert(agent, client)

    const { lists, visits } = await callLists(alert, clock.today())
    // The expectation, computed from the rows themselves: each sector's people, by last name.
    const expected = [...sectors]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((sector) => ({
        sector: sector.name,
        people: people
          .filter((person) => person.sector_id === sector.id)
          .sort((a, b) =>
            a.last_name < b.last_name ? -1 : a.last_name > b.last_name ? 1 : a.id - b.id
          )
          .map((person) => person.id),
      }))
    assert.deepEqual(
      lists.map((list) => ({
        sector: list.sector?.name,
        people: list.people.map((person) => person.entry.id),
      })),
      expected
    )
    assert.deepEqual(
      lists.map((list) => list.people.length),
      [75, 75, 75, 75]
    )
    assert.deepEqual(
      lists.map((list) => list.toCall),
      [75, 75, 75, 75]
    )
    assert.lengthOf(visits, 0)

    const overview = await client
      .get(`/agents/solidarites/alertes/${alert.id}`)
      .withGuard('agent')
      .loginAs(agent)
    overview.assertStatus(200)
    overview.assertTextIncludes('4 listes d’appels')
    const gare = sectors.find((sector) => sector.name === 'Gare')!
    const page = await client
      .get(`/agents/solidarites/alertes/${alert.id}/secteurs/${gare.id}`)
      .withGuard('agent')
      .loginAs(agent)
    page.assertStatus(200)
    const shown = [...page.text().matchAll(/id="personne-(\d+)"/g)].map((match) => Number(match[1]))
    assert.deepEqual(shown, expected.find((list) => list.sector === 'Gare')!.people)
  })

  test('logging “not reached” twice, on two days of the alert, moves a person from the call list to the visit list', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const [centre] = await fourSectors()
    const people = await registeredPeople(3, [centre.id])
    const agent = await socialAgent()
    const alert = await openAlert(agent, client)
    const person = people[1]

    ;(await logCall(client, agent, alert, person.id, 'not_reached')).assertStatus(303)
    let found = await callLists(alert, clock.today())
    assert.deepEqual(
      found.lists[0].people.find((one) => one.entry.id === person.id),
      {
        ...found.lists[0].people.find((one) => one.entry.id === person.id)!,
        today: 'not_reached',
        notReached: 1,
      }
    )
    assert.lengthOf(found.visits, 0)

    heatWaveMorning('2026-07-15')
    ;(await logCall(client, agent, alert, person.id, 'not_reached')).assertStatus(303)
    found = await callLists(alert, clock.today())
    assert.deepEqual(
      found.visits.map((visit) => visit.entry.id),
      [person.id]
    )
    assert.notInclude(
      found.lists[0].people.map((one) => one.entry.id),
      person.id
    )
    assert.lengthOf(found.lists[0].people, 2)
    // The agents' home counts the same in SQL: one visit, two people not yet called today.
    assert.deepEqual(await alertCounts(alert, clock.today()), { visits: 1, toCall: 2 })

    const page = await client
      .get(`/agents/solidarites/alertes/${alert.id}`)
      .withGuard('agent')
      .loginAs(agent)
    page.assertTextIncludes('1 personne à visiter')
    page.assertTextIncludes(`/agents/solidarites/registre/${person.id}`)
  })

  test('a call is logged only on a day of the alert', async ({ client, assert }) => {
    heatWaveMorning()
    const [centre] = await fourSectors()
    const [person] = await registeredPeople(1, [centre.id])
    const agent = await socialAgent()
    const alert = await openAlert(agent, client)
    heatWaveMorning('2026-07-20')
    const refused = await logCall(client, agent, alert, person.id, 'reached')
    assert.deepEqual(inputErrors(refused).entry, [
      'Cette alerte n’est pas en cours aujourd’hui : l’appel n’est pas noté',
    ])
    assert.lengthOf(await AlertCall.all(), 0)
  })

  test('the alert’s statistics count each outcome of the calls logged', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const sectors = await fourSectors()
    const people = await registeredPeople(
      8,
      sectors.map((sector) => sector.id)
    )
    const agent = await socialAgent()
    const alert = await openAlert(agent, client)
    const outcomes = ['reached', 'reached', 'reached', 'not_reached', 'not_reached', 'visit']
    for (const [index, outcome] of outcomes.entries())
      (await logCall(client, agent, alert, people[index].id, outcome)).assertStatus(303)
    // The same person reached again later in the day counts as a call, not as another person.
    ;(await logCall(client, agent, alert, people[0].id, 'reached')).assertStatus(303)

    assert.deepEqual(await alertStatistics(alert), {
      calls: { reached: 4, not_reached: 2, visit: 1 },
      total: 7,
      peopleReached: 3,
    })
    const page = await client
      .get(`/agents/solidarites/alertes/${alert.id}`)
      .withGuard('agent')
      .loginAs(agent)
    const text = page.text().replace(/\s+/g, ' ')
    assert.include(text, '7 appels notés')
    assert.match(text, /<th scope="row">Joint<\/th> <td class="numeric">4<\/td>/)
    assert.match(text, /<th scope="row">Pas de réponse<\/th> <td class="numeric">2<\/td>/)
    assert.match(text, /<th scope="row">Visite nécessaire<\/th> <td class="numeric">1<\/td>/)
    assert.match(text, /<th scope="row">Personnes jointes<\/th> <td class="numeric">3<\/td>/)
    assert.match(text, /<th scope="row">Personnes à visiter<\/th> <td class="numeric">1<\/td>/)
  })

  test('a resident registers their mother, with her consent; without it, the form says so in French next to the box', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const son = await createResident({ firstName: 'Paul', lastName: 'Durand' })
    const send = (form: Record<string, string>) =>
      client
        .post('/solidarites/registre-vulnerables')
        .form(form)
        .withGuard('web')
        .loginAs(son)
        .withCsrfToken()
        .redirects(0)
    const refused = await send(MOTHER)
    assert.deepEqual(inputErrors(refused).consent, [
      'Cochez la case pour confirmer que la personne est d’accord pour être inscrite',
    ])
    assert.lengthOf(await RegisterEntry.all(), 0)

    const sent = await send({ ...MOTHER, consent: '1' })
    sent.assertStatus(303)
    sent.assertHeader('location', '/solidarites/registre-vulnerables')
    const entry = await RegisterEntry.firstOrFail()
    assert.deepInclude(entry.serialize(), {
      userId: son.id,
      relation: 'relative',
      firstName: 'Jeanne',
      lastName: 'Durand',
      birthDate: '1948-03-12',
      sectorId: null,
      checkedAt: null,
    })
    const page = await client.get('/solidarites/registre-vulnerables').withGuard('web').loginAs(son)
    page.assertTextIncludes('Jeanne Durand')
  })

  test('the register takes people of 65 and over, or disabled', async ({ client, assert }) => {
    heatWaveMorning()
    const resident = await createResident()
    const send = (form: Record<string, string>) =>
      client
        .post('/solidarites/registre-vulnerables')
        .form({ ...MOTHER, relation: 'self', consent: '1', ...form })
        .withGuard('web')
        .loginAs(resident)
        .withCsrfToken()
        .redirects(0)
    const young = await send({ birthDate: '1970-01-01' })
    assert.match(inputErrors(young).birthDate[0], /65 ans et plus/)
    // 65 tomorrow: not yet.
    assert.lengthOf(inputErrors(await send({ birthDate: '1961-07-15' })).birthDate, 1)
    ;(await send({ birthDate: '1961-07-14' })).assertStatus(303)
    ;(await send({ birthDate: '1970-01-01', disabled: '1' })).assertStatus(303)
    assert.lengthOf(await RegisterEntry.all(), 2)
  })

  test('a resident sees only the registrations they made and withdraws one, its calls erased with it', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const [centre] = await fourSectors()
    const agent = await socialAgent()
    const alert = await openAlert(agent, client)
    const son = await createResident()
    const neighbour = await createResident()
    await client
      .post('/solidarites/registre-vulnerables')
      .form({ ...MOTHER, consent: '1', sector: String(centre.id) })
      .withGuard('web')
      .loginAs(son)
      .withCsrfToken()
    const entry = await RegisterEntry.firstOrFail()
    ;(await logCall(client, agent, alert, entry.id, 'reached')).assertStatus(303)

    const other = await client
      .get('/solidarites/registre-vulnerables')
      .withGuard('web')
      .loginAs(neighbour)
    assert.notInclude(other.text(), 'Jeanne')
    const stolen = await client
      .post(`/solidarites/registre-vulnerables/${entry.id}/retrait`)
      .withGuard('web')
      .loginAs(neighbour)
      .withCsrfToken()
      .redirects(0)
    stolen.assertStatus(404)
    assert.isNotNull(await RegisterEntry.find(entry.id))

    const withdrawn = await client
      .post(`/solidarites/registre-vulnerables/${entry.id}/retrait`)
      .withGuard('web')
      .loginAs(son)
      .withCsrfToken()
      .redirects(0)
    withdrawn.assertStatus(303)
    assert.isNull(await RegisterEntry.find(entry.id))
    assert.lengthOf(await AlertCall.all(), 0)
  })

  test('agents of other services get 404 on every page of the register and its alerts', async ({
    client,
  }) => {
    heatWaveMorning()
    const [centre] = await fourSectors()
    const [person] = await registeredPeople(1, [centre.id])
    const alert = await Alert.create({
      kind: 'heat',
      startsOn: '2026-07-14',
      endsOn: '2026-07-17',
      agentId: null,
    })
    const childhood = await createAgent({ services: ['enfance'], role: 'admin' })
    for (const path of [
      '/agents/solidarites/registre',
      '/agents/solidarites/registre/nouveau',
      '/agents/solidarites/registre/secteurs',
      `/agents/solidarites/registre/${person.id}`,
      '/agents/solidarites/alertes',
      `/agents/solidarites/alertes/${alert.id}`,
      `/agents/solidarites/alertes/${alert.id}/secteurs/${centre.id}`,
    ]) {
      const page = await client.get(path).withGuard('agent').loginAs(childhood)
      page.assertStatus(404)
    }
    for (const path of [
      '/agents/solidarites/registre',
      `/agents/solidarites/registre/${person.id}/verification`,
      `/agents/solidarites/registre/${person.id}/suppression`,
      '/agents/solidarites/registre/secteurs',
      '/agents/solidarites/alertes',
      `/agents/solidarites/alertes/${alert.id}/appels`,
    ]) {
      const sent = await client
        .post(path)
        .form({ entry: String(person.id), outcome: 'reached', sector: String(centre.id) })
        .withGuard('agent')
        .loginAs(childhood)
        .withCsrfToken()
        .redirects(0)
      sent.assertStatus(404)
    }
  })

  test('an agent registers a person by phone, checks another’s registration into a sector and removes a third; sectors are kept by those allowed', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const agent = await socialAgent()
    const keeper = await socialAgent(['social.register.sectors'])
    const hidden = await client
      .get('/agents/solidarites/registre/secteurs')
      .withGuard('agent')
      .loginAs(agent)
    hidden.assertStatus(404)
    const added = await client
      .post('/agents/solidarites/registre/secteurs')
      .form({ name: 'Bois-Sauvage', streets: 'rue du Bois, place des Fêtes' })
      .withGuard('agent')
      .loginAs(keeper)
      .withCsrfToken()
      .redirects(0)
    added.assertStatus(303)
    const again = await client
      .post('/agents/solidarites/registre/secteurs')
      .form({ name: 'bois-sauvage' })
      .withGuard('agent')
      .loginAs(keeper)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(again).name, ['Un secteur porte déjà ce nom'])
    const sector = await Sector.findByOrFail('name', 'Bois-Sauvage')

    const byPhone = await client
      .post('/agents/solidarites/registre')
      .form({ ...MOTHER, relation: undefined, consent: '1', sector: String(sector.id) })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    byPhone.assertStatus(303)
    const registered = await RegisterEntry.firstOrFail()
    assert.equal(registered.relation, 'agent')
    assert.equal(registered.sectorId, sector.id)
    assert.isNotNull(registered.checkedAt)

    const [unchecked] = await registeredPeople(1, [null])
    await db.from('social_register_entries').where('id', unchecked.id).update({ checked_at: null })
    const record = await client
      .get(`/agents/solidarites/registre/${unchecked.id}`)
      .withGuard('agent')
      .loginAs(agent)
    record.assertStatus(200)
    const checked = await client
      .post(`/agents/solidarites/registre/${unchecked.id}/verification`)
      .form({ sector: String(sector.id) })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    checked.assertStatus(303)
    const after = await RegisterEntry.findOrFail(unchecked.id)
    assert.equal(after.sectorId, sector.id)
    assert.isNotNull(after.checkedAt)

    const removed = await client
      .post(`/agents/solidarites/registre/${registered.id}/suppression`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    removed.assertStatus(303)
    assert.isNull(await RegisterEntry.find(registered.id))
  })

  test('the social service’s home counts the calls to make today, the people to visit and the registrations to check; other services see none of it', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const sectors = await fourSectors()
    const people = await registeredPeople(
      10,
      sectors.map((sector) => sector.id)
    )
    await db.from('social_register_entries').where('id', people[9].id).update({ checked_at: null })
    const agent = await socialAgent()
    const alert = await openAlert(agent, client)
    await logCall(client, agent, alert, people[0].id, 'reached')
    await logCall(client, agent, alert, people[1].id, 'visit')
    const home = async (who: unknown) => {
      const response = await client
        .get('/agents')
        .withGuard('agent')
        .loginAs(who as any)
      response.assertStatus(200)
      return waitingWork(response.text()).filter((line) => line.includes('/solidarites/'))
    }
    assert.deepEqual(await home(agent), [
      `Alerte canicule : 8 appels à faire aujourd’hui → /agents/solidarites/alertes/${alert.id}`,
      `1 personne à visiter → /agents/solidarites/alertes/${alert.id}#visites`,
      '1 inscription au registre à vérifier → /agents/solidarites/registre?a_verifier=1',
    ])
    assert.deepEqual(await home(await createAgent({ services: ['enfance'] })), [])
    modules.enableFromSetting('none')
    try {
      assert.deepEqual(await home(agent), [])
    } finally {
      modules.enableFromSetting(undefined)
    }
  })

  test('registrations not confirmed for the retention period go, with their calls; alerts go a period after their end', async ({
    client,
    assert,
  }) => {
    heatWaveMorning()
    const [centre] = await fourSectors()
    const people = await registeredPeople(2, [centre.id])
    const agent = await socialAgent()
    const alert = await openAlert(agent, client)
    await logCall(client, agent, alert, people[0].id, 'reached')
    await db
      .from('social_register_entries')
      .where('id', people[0].id)
      .update({ confirmed_at: dbTimestamp(DateTime.fromISO('2024-07-01T00:00:00Z')) })
    const [entries, alerts] = registerRetention
    // 24 months before 14 July 2026.
    assert.equal(await entries.purge(clock.now().minus({ months: entries.default })), 1)
    assert.deepEqual(
      (await RegisterEntry.all()).map((entry) => entry.id),
      [people[1].id]
    )
    assert.lengthOf(await AlertCall.all(), 0)
    assert.equal(await alerts.purge(clock.now().minus({ months: alerts.default })), 0)
    clock.travelTo('2027-07-18T09:00:00+02:00', { freeze: true })
    assert.equal(await alerts.purge(clock.now().minus({ months: alerts.default })), 1)
    assert.lengthOf(await Alert.all(), 0)
  })
})
