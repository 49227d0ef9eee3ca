import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { startPayment } from '#payments/actions/start_payment'
import { PayfipClient } from '#payments/providers/payfip_client'
import { usePayfip } from '#payments/providers/index'
import { startPayfipSimulator, type PayfipSimulator } from '#payments/providers/payfip_simulator'
import { dbTimestamp } from '#core/database/dialect'
import { createResident } from '#tests/support/factories/accounts'
import { canteenInvoice } from '#tests/support/factories/payments'
import { startWorkerProcess, type WorkerProcess } from '#tests/support/worker_process'
import { clock } from '#core/clock'

let payfip: PayfipSimulator
let worker: WorkerProcess | null = null

test.group('Jobs: simulated PayFiP with a separate worker', (group) => {
  group.setup(async () => {
    payfip = await startPayfipSimulator()
    usePayfip(
      new PayfipClient({
        serviceUrl: payfip.serviceUrl,
        paymentPageUrl: payfip.paymentPageUrl,
        numcli: '000000',
        saisie: 'T',
      })
    )
    return async () => {
      usePayfip(null)
      await payfip.stop()
    }
  })
  group.each.teardown(async () => {
    await worker?.kill()
    worker = null
  })

  test('jobs:work does not start simulators of its own: a payment the web process opened is not expired, and the error says what to set', async ({
    assert,
  }) => {
    // No PAYMENT_PROVIDER: the simulator lives in the web process (here, the test's).
    worker = await startWorkerProcess({ env: { PAYMENT_PROVIDER: 'simulator' } })
    const user = await createResident()
    const { payment } = await startPayment(await canteenInvoice(user), user.email)
    await db
      .from('payments')
      .where('id', payment.id)
      .update({ created_at: dbTimestamp(clock.now().minus({ minutes: 5 })) })
    await enqueue('payments_check', {})

    const since = performance.now()
    let failed: Job[] = []
    while (failed.length < 1 && performance.now() - since < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      failed = await Job.query().where('name', 'payments_check').whereNotNull('lastError')
    }
    assert.lengthOf(failed, 1, worker.output())
    assert.include(failed[0].lastError!, 'PAYMENT_PROVIDER=payfip')
    assert.isTrue(
      failed.every((job) => job.status === 'pending'),
      'retried later, once the setting is fixed'
    )
    await payment.refresh()
    assert.equal(payment.status, 'pending', 'not expired by a simulator that never saw it')
  }).timeout(90_000)
})
