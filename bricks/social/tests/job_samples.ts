import { enqueue } from '#jobs/enqueue'
import { mailbox } from '#tests/support/smtp'
import { defineJobSamples } from '#tests/support/job_samples'
import { registerSenior } from '../actions/register_senior.js'
import { outing, senior } from './support.js'
import { createResident } from '#tests/support/factories/accounts'
import { createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import BookHousingAppointment from '../actions/book_housing_appointment.js'
import { HOUSING_TYPE } from '../services/housing.js'

/** The brick's job types, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
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
    'a housing appointment booked mails the resident the documents to bring': async ({
      assert,
      settled,
    }) => {
      const { point, type } = await createAgenda({
        service: 'solidarites',
        type: { key: HOUSING_TYPE, label: 'Logement social', durationMinutes: 30 },
      })
      const resident = await createResident({ email: 'logement.mail@example.org' })
      const slot = await firstFreeSlot(point, type)
      await new BookHousingAppointment().handle(resident, type, {
        pointId: point.id,
        start: slot.start,
        purpose: 'renew',
        number: null,
      })
      const mail = await mailbox.receive(
        'logement.mail@example.org',
        /documents à apporter/,
        15_000
      )
      assert.include(mail.text!, 'Votre dernier avis d’imposition')
      assert.include(mail.text!, 'L’attestation d’enregistrement de votre demande')
      await settled()
    },
  },
})
