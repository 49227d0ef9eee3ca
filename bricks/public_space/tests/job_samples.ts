import { mailbox } from '#tests/support/smtp'
import { defineJobSamples } from '#tests/support/job_samples'
import { enqueue } from '#jobs/enqueue'
import ReportUpdate from '../models/report_update.js'
import Report from '../models/report.js'
import { categories, filedReport } from './support.js'

/** The Signalements mails, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  tests: {
    'a report resolved with a public update mails its reporter the question with a signed link':
      async ({ assert, settled }) => {
        const { streetLight } = await categories()
        const report = await filedReport(streetLight, { email: 'riverain@example.org' })
        await mailbox.receive('riverain@example.org', /Signalement S-\d{4}-\d{6} reçu/, 15_000)
        await Report.query().where('id', report.id).update({ status: 'resolved' })
        const update = await ReportUpdate.create({
          reportId: report.id,
          kind: 'public',
          status: 'resolved',
          body: 'Ampoule remplacée.',
          agentId: null,
        })
        await enqueue('public_space_mail', {
          kind: 'resolved',
          reportId: report.id,
          updateId: update.id,
        })
        const mail = await mailbox.receive(
          'riverain@example.org',
          /le problème est-il réglé/,
          15_000
        )
        assert.include(mail.text!, 'Ampoule remplacée.')
        assert.include(mailbox.linkIn(mail, '/avis'), 'signature=')
        await settled()
      },
  },
})
