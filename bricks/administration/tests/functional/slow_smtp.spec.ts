import { test } from '@japa/runner'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { startAntsSimulator, type AntsSimulator } from '../../connectors/ants_simulator.js'
import { startWorkerProcess, type WorkerProcess } from '#tests/support/worker_process'
import { startSilentServer } from '#tests/support/smtp'
import { clock } from '#core/clock'

let silent: Awaited<ReturnType<typeof startSilentServer>>
let ants: AntsSimulator
let worker: WorkerProcess | null = null

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const since = performance.now()
  while (!(await check())) {
    if (performance.now() - since > timeoutMs)
      throw new Error(`${what}: not within ${timeoutMs} ms\n${worker?.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return performance.now() - since
}

test.group(
  'Administration: ANTS declarations beside an SMTP server that accepts and never answers',
  (group) => {
    group.setup(async () => {
      silent = await startSilentServer()
      ants = await startAntsSimulator({ token: 'jeton-essai' })
      return async () => {
        await Promise.all([silent.close(), ants.stop()])
      }
    })
    group.each.teardown(async () => {
      await worker?.kill()
      worker = null
    })

    test('an ANTS declaration leaves at once while a mail is stuck; the mail fails after the short timeout and is retried', async ({
      assert,
    }) => {
      worker = await startWorkerProcess({
        env: {
          SMTP_PORT: String(silent.port),
          SMTP_CONNECTION_TIMEOUT: '6000',
          SMTP_GREETING_TIMEOUT: '6000',
          SMTP_SOCKET_TIMEOUT: '6000',
          ANTS_API_URL: ants.url,
          ANTS_API_TOKEN: ants.token,
        },
      })
      // The mail first, and hanging on the silent server before the declaration is queued:
      // each queue polls on its own, so queued together either could be claimed first.
      const mail = await enqueue('send_mail', {
        to: 'habitant@example.org',
        subject: 'Rendez-vous confirmé',
        html: '<p>Confirmé</p>',
        text: 'Confirmé',
      })
      await until('the mail hangs on the silent server', () => silent.connections() >= 1, 10_000)
      const hungSince = performance.now()
      await enqueue('ants_declare', {
        applicationId: 'ABCDE12345',
        meetingPoint: 'Mairie annexe',
        meetingPointId: '1',
        appointmentDate: clock.local().plus({ days: 3 }).toFormat("yyyy-MM-dd'T'10:00:00"),
        managementUrl: 'https://parvis.example/rendez-vous/1',
      })

      const declaredAfter = await until(
        'ANTS hears of the declaration',
        () => ants.appointments().length === 1,
        10_000
      )
      await mail.refresh()
      assert.equal(
        mail.status,
        'running',
        'the mail has not got through, nor given up, when ANTS is told'
      )
      assert.isBelow(declaredAfter, 5000, 'the declaration did not wait for the mail')

      await until(
        'the mail gives up',
        async () => (await mail.refresh()).status !== 'running',
        15_000
      )
      assert.equal(mail.status, 'pending', 'retried later, not dead')
      assert.equal(mail.attempts, 1)
      assert.match(mail.lastError!, /Greeting never received|timeout/i)
      assert.isTrue(mail.runAt > clock.now(), 'the retry is planned')
      const failedAfterHanging = performance.now() - hungSince
      assert.isBelow(
        failedAfterHanging,
        15_000,
        'given up after the configured 6 s, not nodemailer’s 30 s'
      )
      assert.equal(
        (await Job.query().where('name', 'ants_declare').firstOrFail()).status,
        'succeeded'
      )
      console.log(
        `      ANTS declared ${(declaredAfter / 1000).toFixed(1)} s after enqueue; the stuck mail failed ${(failedAfterHanging / 1000).toFixed(1)} s after it hung`
      )
    }).timeout(90_000)
  }
)
