import { test } from '@japa/runner'
import {
  AntsClient,
  AntsUnavailableError,
  normalizeApplicationId,
} from '../../connectors/ants_client.js'
import { startAntsSimulator, type AntsSimulator } from '../../connectors/ants_simulator.js'

/** Runs `work` and returns what it threw, so the test can look at the error itself. */
async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work()
  } catch (error) {
    return error
  }
  return undefined
}

const appointment = {
  applicationId: 'AB12CD34EF',
  meetingPoint: 'Mairie de Villeneuve',
  meetingPointId: '12',
  appointmentDate: '2024-11-04T09:00:00',
  managementUrl: 'https://portail.example.fr/rdv/9876',
}

test.group('ANTS anti-duplicate connector', (group) => {
  let simulator: AntsSimulator
  let client: AntsClient

  group.setup(async () => {
    simulator = await startAntsSimulator({ token: 'secret-token' })
    client = new AntsClient({ baseUrl: simulator.url, token: simulator.token })
    return () => simulator.stop()
  })

  group.each.setup(() => {
    simulator.reset()
  })

  test('the status of each id tells whether it may be booked', async ({ assert }) => {
    simulator.setStatus('1122334455', 'consumed')
    const result = await client.status(['AB12CD34EF', 'E123456789', 'X123456789', '1122334455'])

    assert.equal(result.AB12CD34EF.status, 'validated')
    assert.deepEqual(result.AB12CD34EF.appointments, [])
    assert.equal(result.E123456789.status, 'expired')
    assert.equal(result.X123456789.status, 'unknown')
    assert.equal(result['1122334455'].status, 'consumed')
  })

  test('a declared appointment is listed by status until it is removed', async ({ assert }) => {
    await client.declare(appointment)
    const declared = await client.status(['AB12CD34EF'])
    assert.equal(declared.AB12CD34EF.status, 'validated')
    assert.deepEqual(declared.AB12CD34EF.appointments, [
      {
        management_url: 'https://portail.example.fr/rdv/9876',
        meeting_point: 'Mairie de Villeneuve',
        meeting_point_id: '12',
        appointment_date: '2024-11-04T09:00:00',
      },
    ])

    await client.remove(appointment)
    const removed = await client.status(['AB12CD34EF'])
    assert.deepEqual(removed.AB12CD34EF.appointments, [])
    assert.lengthOf(simulator.appointments(), 0)
    const deletion = simulator.requests.find((request) => request.method === 'DELETE')
    assert.deepEqual(deletion?.query.meeting_point_id, ['12'])
  })

  test('declaring the same appointment twice keeps one entry', async ({ assert }) => {
    await client.declare(appointment)
    await client.declare(appointment)

    assert.lengthOf(simulator.appointments(), 1)
    const result = await client.status(['AB12CD34EF'])
    assert.lengthOf(result.AB12CD34EF.appointments, 1)
  })

  test('appointments of other editors are visible', async ({ assert }) => {
    simulator.addAppointment({
      application_id: 'AB12CD34EF',
      meeting_point: 'Mairie de Sannois',
      appointment_date: '2024-11-04T08:45:00',
      management_url: 'https://autre-editeur.example/rdv/55',
    })
    const result = await client.status(['AB12CD34EF'])
    assert.deepEqual(result.AB12CD34EF.appointments, [
      {
        management_url: 'https://autre-editeur.example/rdv/55',
        meeting_point: 'Mairie de Sannois',
        appointment_date: '2024-11-04T08:45:00',
      },
    ])
  })

  test('a wrong token makes ANTS unavailable and the simulator answers 401', async ({ assert }) => {
    const intruder = new AntsClient({ baseUrl: simulator.url, token: 'not-the-token' })
    const error = await failure(() => intruder.status(['AB12CD34EF']))

    assert.instanceOf(error, AntsUnavailableError)
    assert.equal((error as AntsUnavailableError).status, 401)
    assert.lengthOf(simulator.requests, 1)
    assert.equal(simulator.requests[0].status, 401)
    assert.equal(simulator.requests[0].path, '/api/status')
  })

  test('a server that is down makes ANTS unavailable', async ({ assert }) => {
    simulator.down = true
    const error = await failure(() => client.declare(appointment))

    assert.instanceOf(error, AntsUnavailableError)
    assert.equal((error as AntsUnavailableError).status, 503)
    assert.lengthOf(simulator.appointments(), 0)
  })

  test('a server slower than the timeout makes ANTS unavailable quickly', async ({ assert }) => {
    simulator.delayMs = 2000
    const impatient = new AntsClient({
      baseUrl: simulator.url,
      token: simulator.token,
      timeoutMs: 200,
    })
    const started = performance.now()
    const error = await failure(() => impatient.status(['AB12CD34EF']))

    assert.instanceOf(error, AntsUnavailableError)
    assert.isBelow(performance.now() - started, 1000)
  })

  test('a server that cannot be reached makes ANTS unavailable', async ({ assert }) => {
    const other = await startAntsSimulator()
    await other.stop()
    const orphan = new AntsClient({ baseUrl: other.url, token: other.token, timeoutMs: 1000 })

    assert.instanceOf(await failure(() => orphan.status(['AB12CD34EF'])), AntsUnavailableError)
  })

  test('several ids travel as repeated application_ids keys', async ({ assert }) => {
    await client.status(['AB12CD34EF', '1122334455'])

    assert.lengthOf(simulator.requests, 1)
    assert.equal(simulator.requests[0].method, 'GET')
    assert.deepEqual(simulator.requests[0].query.application_ids, ['AB12CD34EF', '1122334455'])
  })

  test('declare sends every parameter in the query string', async ({ assert }) => {
    await client.declare(appointment)

    assert.deepEqual(simulator.requests[0].query, {
      application_id: ['AB12CD34EF'],
      meeting_point: ['Mairie de Villeneuve'],
      meeting_point_id: ['12'],
      appointment_date: ['2024-11-04T09:00:00'],
      management_url: ['https://portail.example.fr/rdv/9876'],
    })
  })

  test('unknown paths answer 404', async ({ assert }) => {
    const response = await fetch(`${simulator.url}/nothing-here`)
    await response.text()

    assert.equal(response.status, 404)
  })

  test('application ids are trimmed, upper-cased and checked', ({ assert }) => {
    assert.equal(normalizeApplicationId(' ab12cd34ef '), 'AB12CD34EF')
    assert.isNull(normalizeApplicationId('AB12'))
    assert.isNull(normalizeApplicationId('AB12CD34É1'))
    assert.isNull(normalizeApplicationId('AB12CD34EF1'))
  })
})
