import { enqueue } from '#jobs/enqueue'
import { mailbox } from '#tests/support/smtp'
import { defineJobSamples } from '#tests/support/job_samples'
import { registerSenior } from '../actions/register_senior.js'
import { outing, senior } from './support.js'

/** The seniors' reminder, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  tests: {
    'the seniors’ reminder runs in the worker and mails whoever registered someone for a session two days later':
      async ({ assert, settled }) => {
        const { session } = await outing({ name: 'Sortie au bord de la mer', inDays: 2 })
        const jeanne = await senior('rappel-worker@example.org', 74)
        await registerSenior(jeanne, null, {
          sessionId: session.id,
          companion: false,
          shuttle: true,
          pickupAddress: '4 allée des Tilleuls',
          emergencyContact: 'Luc',
          phone: null,
        })
        await enqueue('social_seniors_reminders', {})
        const mail = await mailbox.receive('rappel-worker@example.org', /Rappel/, 15_000)
        assert.include(mail.text ?? '', '4 allée des Tilleuls')
        await settled()
      },
  },
})
