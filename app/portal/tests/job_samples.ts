import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import { enqueue } from '#jobs/enqueue'
import { clock } from '#core/clock'
import { mailbox } from '#tests/support/smtp'
import PersonalDataExport from '#portal/models/personal_data_export'
import RequestDataExport from '#portal/actions/request_data_export'
import { createResident } from '#tests/support/factories/accounts'
import { defineJobSamples } from '#tests/support/job_samples'

/** The portal's job types (residents' data archives), run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  tests: {
    'a resident’s data archive is built by the worker, stored on the disk and announced by mail':
      async ({ assert, settled }) => {
        const resident = await createResident()
        const request = await new RequestDataExport().handle(resident.id)
        // The mail as the resident receives it: the mail log is written by a
        // listener after the send job ends, so it may lag behind `settled()`.
        const mail = await mailbox.receive(resident.email, /archive/, 15_000)
        await settled()
        await request.refresh()
        assert.equal(request.status, 'ready')
        assert.isTrue(await drive.use().exists(request.storageKey!))
        assert.include(mailbox.linkIn(mail, '/mon-espace/donnees'), '/mon-espace/donnees')
      },
    'the nightly clean-up removes archives past their 48 hours, with their file': async ({
      assert,
      worker,
      settled,
    }) => {
      const resident = await createResident()
      const storageKey = `personal-data/sample-${randomUUID()}.zip`
      await drive.use().put(storageKey, 'PK')
      const old = await PersonalDataExport.create({
        userId: resident.id,
        token: `sample-${randomUUID()}`,
        status: 'ready',
        storageKey,
        size: 2,
        readyAt: clock.now().minus({ days: 3 }),
        expiresAt: clock.now().minus({ days: 1 }),
      })
      await enqueue('remove_expired_data_exports', {})
      await settled()
      assert.isNull(await PersonalDataExport.find(old.id))
      assert.isFalse(await drive.use().exists(storageKey))
      assert.include(worker.output(), 'schedule remove_expired_data_exports: daily 04:15 (portal)')
    },
  },
})
