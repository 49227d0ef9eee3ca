import { test } from '@japa/runner'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { Worker } from '#jobs/worker'
import Job from '#jobs/job'
import SmsLogEntry from '#notifications/models/sms_log_entry'
import SmsNotice from '#notifications/models/sms_notice'
import { OctopushClient, OCTOPUSH_SEND_PATH } from '#notifications/sms/octopush_client'
import { SmsRefusedError, type SmsProvider } from '#notifications/sms/provider'
import { useSmsProvider } from '#notifications/sms/index'
import { queueSms } from '#notifications/sms/queue_sms'
import { startSmsSimulator, SIMULATOR_KEY, SIMULATOR_LOGIN } from '#notifications/sms/simulator'
import { createResident } from '#tests/support/factories/accounts'
import { optInToSms } from '#tests/support/factories/sms'

/** A provider on loopback that answers `status` and `body`, and keeps what it was sent. */
async function fakeOctopush(status: number, body: unknown) {
  const requests: { path: string; headers: IncomingHttpHeaders; body: any }[] = []
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk)
    requests.push({
      path: request.url ?? '',
      headers: request.headers,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    })
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    requests,
    client: new OctopushClient({
      baseUrl: `http://127.0.0.1:${port}`,
      login: 'mairie@ville.example',
      apiKey: 'k3y',
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

test.group('SMS provider: Octopush and its simulator', () => {
  test('the client posts Octopush’s JSON (one recipient in E.164, text, sms_premium, purpose alert, sender) with its two headers', async ({
    assert,
  }) => {
    const octopush = await fakeOctopush(201, { sms_ticket: 'sms_abc', number_of_sms_needed: 2 })
    try {
      const result = await octopush.client.send({
        sender: 'MairieEvry',
        to: '+33612345678',
        text: 'Bonjour',
      })
      assert.deepEqual(result, { reference: 'sms_abc', segments: 2 })
      const [sent] = octopush.requests
      assert.equal(sent.path, OCTOPUSH_SEND_PATH)
      assert.equal(sent.headers['api-login'], 'mairie@ville.example')
      assert.equal(sent.headers['api-key'], 'k3y')
      assert.deepEqual(sent.body, {
        recipients: [{ phone_number: '+33612345678' }],
        text: 'Bonjour',
        type: 'sms_premium',
        purpose: 'alert',
        sender: 'MairieEvry',
      })
    } finally {
      await octopush.close()
    }
  })

  test('a sender of 12 characters or a number not in E.164 is refused before anything is sent; a 400 is a refusal, a 503 an error to retry', async ({
    assert,
  }) => {
    const refusing = await fakeOctopush(400, { code: 100, message: 'bad' })
    const down = await fakeOctopush(503, {})
    try {
      await assert.rejects(
        () => refusing.client.send({ sender: 'MairieEvry91', to: '+33612345678', text: 'x' }),
        SmsRefusedError
      )
      await assert.rejects(
        () => refusing.client.send({ sender: 'Mairie', to: '0612345678', text: 'x' }),
        SmsRefusedError
      )
      assert.lengthOf(refusing.requests, 0)
      await assert.rejects(
        () => refusing.client.send({ sender: 'Mairie', to: '+33612345678', text: 'x' }),
        SmsRefusedError
      )
      const error = await down.client
        .send({ sender: 'Mairie', to: '+33612345678', text: 'x' })
        .catch((caught) => caught)
      assert.instanceOf(error, Error)
      assert.notInstanceOf(error, SmsRefusedError)
    } finally {
      await refusing.close()
      await down.close()
    }
  })

  test('the simulator answers like Octopush, refuses a wrong key and a bad sender, and counts segments itself', async ({
    assert,
  }) => {
    const simulator = await startSmsSimulator()
    try {
      const client = new OctopushClient({
        baseUrl: simulator.baseUrl,
        login: SIMULATOR_LOGIN,
        apiKey: SIMULATOR_KEY,
      })
      const result = await client.send({
        sender: 'Mairie',
        to: '+33600000777',
        text: 'a'.repeat(161),
      })
      assert.equal(result.segments, 2)
      assert.match(result.reference, /^sms_/)
      const wrongKey = new OctopushClient({
        baseUrl: simulator.baseUrl,
        login: SIMULATOR_LOGIN,
        apiKey: 'x',
      })
      await assert.rejects(
        () => wrongKey.send({ sender: 'Mairie', to: '+33600000777', text: 'x' }),
        SmsRefusedError
      )
      const badSender = await fetch(`${simulator.baseUrl}${OCTOPUSH_SEND_PATH}`, {
        method: 'POST',
        headers: { 'api-login': SIMULATOR_LOGIN, 'api-key': SIMULATOR_KEY },
        body: JSON.stringify({
          recipients: [{ phone_number: '+33600000777' }],
          text: 'x',
          type: 'sms_premium',
          sender: 'Mairie d’Évry',
        }),
      })
      assert.equal(badSender.status, 400)
    } finally {
      await simulator.stop()
    }
  })

  test('an SMS the provider refuses is logged as refused and not tried again', async ({
    assert,
  }) => {
    clock.travelTo('2027-04-06T10:00', { freeze: true })
    const refusing: SmsProvider = {
      name: 'refusing',
      send: async () => {
        throw new SmsRefusedError('Octopush answered 400: invalid number')
      },
    }
    useSmsProvider(refusing)
    try {
      const resident = await createResident()
      await optInToSms(resident)
      await queueSms(db.connection(), {
        userId: resident.id,
        kind: 'appointments.sms.kind',
        message: 'appointments.sms.reminder',
        data: {
          type: 'Essai',
          date: '07/04',
          time: '10h00',
          place: 'Mairie',
          link: 'https://v.example',
        },
        idempotencyKey: `refused:${resident.id}`,
      })
      await new Worker().drain()
      const [entry] = await SmsLogEntry.query().where('userId', resident.id)
      assert.equal(entry.status, 'failed')
      assert.equal(entry.costMillis, 0)
      assert.include(entry.error!, 'invalid number')
      const [notice] = await SmsNotice.query().where('userId', resident.id)
      assert.equal(notice.status, 'failed')
      const job = await Job.query()
        .where('name', 'send_sms')
        .where('payload', JSON.stringify({ userId: resident.id }))
        .firstOrFail()
      assert.equal(job.status, 'succeeded')
    } finally {
      useSmsProvider(null)
      clock.reset()
    }
  })
})
