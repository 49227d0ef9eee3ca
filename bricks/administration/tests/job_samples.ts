import db from '@adonisjs/lucid/services/db'
import { enqueue } from '#jobs/enqueue'
import BookAppointment from '#appointments/actions/book_appointment'
import { manageLink } from '#appointments/services/manage_links'
import { applicant, createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { defineJobSamples } from '#tests/support/job_samples'
import { startAntsSimulator, type AntsSimulator } from '../connectors/ants_simulator.js'

let ants: AntsSimulator

/** The ANTS jobs, run through jobs:work by app/jobs/tests/functional/jobs_work.spec.ts. */
export default defineJobSamples({
  async start() {
    ants = await startAntsSimulator({ token: 'jeton-essai' })
    return { env: { ANTS_API_URL: ants.url, ANTS_API_TOKEN: ants.token }, stop: () => ants.stop() }
  },
  reset() {
    ants.reset()
  },
  tests: {
    'ANTS hears of a declaration, then of its withdrawal, in that order': async ({
      assert,
      settled,
    }) => {
      const { point, type } = await createAgenda({ service: 'etat_civil' })
      const slot = await firstFreeSlot(point, type)
      const appointment = await new BookAppointment().handle({
        meetingPointId: point.id,
        meetingTypeId: type.id,
        persons: 1,
        start: slot.start,
        applicant,
      })
      await settled()
      const declaration = {
        applicationId: 'ABCDE12345',
        meetingPoint: point.name,
        meetingPointId: String(point.id),
        appointmentDate: slot.start.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm:ss"),
      }
      await db.transaction(async (trx) => {
        await enqueue(
          'ants_declare',
          { ...declaration, managementUrl: manageLink(appointment) },
          { client: trx }
        )
        await enqueue('ants_withdraw', declaration, { client: trx })
      })
      await settled()
      const calls = ants.requests.filter((request) => request.path.endsWith('/appointments'))
      assert.deepEqual(
        calls.map((call) => [call.method, call.status]),
        [
          ['POST', 200],
          ['DELETE', 200],
        ]
      )
      assert.deepEqual(calls[0].query.management_url, [manageLink(appointment)])
      assert.lengthOf(ants.appointments(), 0)
    },
  },
})
