import { mailbox } from '#tests/support/smtp'
import { defineJobSamples } from '#tests/support/job_samples'
import { createResident } from '#tests/support/factories/accounts'
import { createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import BookHousingAppointment from '../actions/book_housing_appointment.js'
import { HOUSING_TYPE } from '../services/housing.js'

/** The housing appointment's mail, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  tests: {
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
