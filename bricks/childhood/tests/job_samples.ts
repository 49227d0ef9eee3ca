import { enqueue } from '#jobs/enqueue'
import { mailbox } from '#tests/support/smtp'
import { defineJobSamples } from '#tests/support/job_samples'
import CanteenRegistration from '../models/canteen_registration.js'
import { family } from './support.js'

/** The canteen invoicing and its mails, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  tests: {
    'the month’s canteen invoicing runs in the worker and mails each family its invoice': async ({
      assert,
      settled,
    }) => {
      const { user, ines } = await family('cantine@example.org')
      await CanteenRegistration.create({
        householdMemberId: ines.id,
        userId: user.id,
        schoolYear: '2026-2027',
        days: '1,2,4,5',
        status: 'active',
        absences: [],
      })
      await enqueue('childhood_canteen_invoicing', { month: '2026-12' })
      const mail = await mailbox.receive('cantine@example.org', /Nouvelle facture/, 15_000)
      assert.include(mail.subject!, 'décembre 2026')
      await settled()
    },
  },
})
