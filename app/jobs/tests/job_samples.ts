import db from '@adonisjs/lucid/services/db'
import { enqueue } from '#jobs/enqueue'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import MailLogEntry from '#notifications/models/mail_log_entry'
import { defineJobSamples } from '#tests/support/job_samples'

/** The jobs module's own job types, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  tests: {
    'the nightly purge of personal data runs in the worker and deletes what expired': async ({
      assert,
      worker,
      settled,
    }) => {
      const old = await MailLogEntry.create({
        mailer: 'stored',
        recipients: 'ancien@example.org',
        subject: 'Ancien',
        html: null,
        text: 'Votre lien',
        messageId: null,
      })
      const recent = await MailLogEntry.create({
        mailer: 'stored',
        recipients: 'recent@example.org',
        subject: 'Récent',
        html: null,
        text: 'Votre lien',
        messageId: null,
      })
      await db
        .from('mail_log')
        .where('id', old.id)
        .update({ created_at: dbTimestamp(clock.now().minus({ months: 13 })) })
      await enqueue('purge_personal_data', {})
      await settled()
      assert.isNull(await MailLogEntry.find(old.id))
      await recent.refresh()
      assert.equal(recent.text, 'Votre lien')
      assert.include(worker.output(), 'schedule purge_personal_data: daily 04:00 (jobs)')
    },
  },
})
