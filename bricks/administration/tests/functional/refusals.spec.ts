import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { ZONE } from '#appointments/services/slots'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import seedAdministration from '../../database/seeders/demo.js'
import { startAntsSimulator, type AntsSimulator } from '../../connectors/ants_simulator.js'
import { AntsClient } from '../../connectors/ants_client.js'
import { useAntsClient } from '../../connectors/ants.js'
import { TITLE_TYPE } from '../../appointments.js'
import { clock } from '#core/clock'

let ants: AntsSimulator

async function agendas() {
  await db.transaction((trx) => seedAdministration({ trx }))
  const annex = await MeetingPoint.findByOrFail('name', 'Mairie annexe de Courcouronnes')
  const type = await MeetingType.findByOrFail('key', TITLE_TYPE)
  return { annex, type }
}

/** The booking as the session holds it after the numbers and the slot were chosen. */
const chosen = (pointId: number, slot: string) => ({
  booking_titre: {
    reason: 'CNI',
    persons: 1,
    applicationIds: ['AB12CD34EF'],
    antsStatuses: { AB12CD34EF: 'validated' },
    pointId,
    slot,
  },
})

test.group('ID-card appointments: what a refused slot or a blocked check says', (group) => {
  group.setup(async () => {
    ants = await startAntsSimulator({ token: 'jeton-test' })
    useAntsClient(new AntsClient({ baseUrl: ants.url, token: ants.token, timeoutMs: 500 }))
    return async () => {
      useAntsClient(null)
      await ants.stop()
    }
  })
  group.each.setup(() => ants.reset())

  test('a slot in the past forged in the booking form is said to be unavailable, not just taken, with real free slots instead', async ({
    client,
    assert,
  }) => {
    const { annex } = await agendas()
    // Yesterday at 10:00, Paris time: a slot nobody can book any more.
    const past = clock
      .local()
      .setZone(ZONE)
      .minus({ days: 1 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 })
    const response = await client
      .post('/formalites/rendez-vous-titre/coordonnees')
      .form({ firstName: 'Léa', lastName: 'Martin', email: 'lea@example.org' })
      .withSession(chosen(annex.id, past.toUTC().toISO()!))
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('Ce créneau n’est pas disponible')
    assert.notInclude(response.text(), 'vient d’être pris')
    // The slots offered instead are real, future ones.
    const offered = [...response.text().matchAll(/name="slot" value="([^"]+)"/g)].map(
      (match) => match[1]
    )
    assert.isNotEmpty(offered)
    for (const value of offered)
      assert.isTrue(new Date(value).getTime() > clock.nowMs(), `${value} is in the future`)
    assert.lengthOf(await Appointment.all(), 0)
  })

  test('a slot at 3 a.m., which the agenda never offers, is said to be unavailable', async ({
    client,
    assert,
  }) => {
    const { annex } = await agendas()
    const night = clock
      .local()
      .setZone(ZONE)
      .plus({ days: 7 })
      .set({ hour: 3, minute: 0, second: 0, millisecond: 0 })
    const response = await client
      .post('/formalites/rendez-vous-titre/coordonnees')
      .form({ firstName: 'Léa', lastName: 'Martin', email: 'lea@example.org' })
      .withSession(chosen(annex.id, night.toUTC().toISO()!))
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('Ce créneau n’est pas disponible')
    assert.lengthOf(await Appointment.all(), 0)
  })

  test('an agent booking a past slot at the desk is told the slot is not available', async ({
    client,
    assert,
  }) => {
    const { annex, type } = await agendas()
    const agent = await createAgent({ services: ['etat_civil'] })
    // Agents may book inside the residents' minimum delay: a week ago is past whatever that delay.
    const past = clock
      .local()
      .setZone(ZONE)
      .minus({ days: 7 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 })
    const response = await client
      .post('/agents/formalites/reserver')
      .form({
        type: type.key,
        point: annex.id,
        persons: 1,
        slot: past.toUTC().toISO(),
        firstName: 'Léa',
        lastName: 'Martin',
        origin: 'counter',
        numero1: 'AB12CD34EF',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(response).slot?.[0], 'Ce créneau n’est pas disponible')
  })

  test('past the limit of number checks, the page speaks of checks against the ANTS, not of accounts', async ({
    client,
    assert,
  }) => {
    await agendas()
    const check = () =>
      client
        .post('/formalites/rendez-vous-titre/numeros')
        .form({ numero1: 'X123456789' })
        .withSession({ booking_titre: { reason: 'CNI', persons: 1 } })
        .withCsrfToken()
        .redirects(0)
    for (let attempt = 1; attempt <= 20; attempt++) (await check()).assertStatus(302)
    const blocked = await check()
    blocked.assertStatus(429)
    blocked.assertTextIncludes('numéros de pré-demande soient essayés en série auprès de l’ANTS')
    assert.notInclude(blocked.text(), 'protéger les comptes')
    assert.exists(blocked.header('retry-after'))
  })
})
