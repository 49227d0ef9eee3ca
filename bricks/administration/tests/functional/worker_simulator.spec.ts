import { test } from '@japa/runner'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { startWorkerProcess, type WorkerProcess } from '#tests/support/worker_process'

let worker: WorkerProcess | null = null

test.group('Administration: ANTS jobs in a separate worker', (group) => {
  group.each.teardown(async () => {
    await worker?.kill()
    worker = null
  })

  test('jobs:work does not start an ANTS simulator of its own: a declaration fails with an error saying what to set, and is retried later', async ({
    assert,
  }) => {
    // No ANTS_API_URL: the simulator lives in the web process (here, the test's), never in jobs:work.
    worker = await startWorkerProcess({ env: { ANTS_API_URL: '' } })
    await enqueue('ants_declare', {
      applicationId: 'ABCDE12345',
      meetingPoint: 'Mairie',
      meetingPointId: '1',
      appointmentDate: '2027-03-10T09:00:00',
      managementUrl: 'https://parvis.example/rendez-vous/1',
    })

    const since = performance.now()
    let failed: Job[] = []
    while (failed.length < 1 && performance.now() - since < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      failed = await Job.query().where('name', 'ants_declare').whereNotNull('lastError')
    }
    assert.lengthOf(failed, 1, worker.output())
    assert.include(failed[0].lastError!, 'ANTS_API_URL')
    assert.equal(failed[0].status, 'pending', 'retried later, once the setting is fixed')
  }).timeout(90_000)
})
