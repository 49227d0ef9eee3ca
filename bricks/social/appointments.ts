import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { enqueue } from '#jobs/enqueue'
import type { AppointmentHooks } from '#appointments/services/hooks'
import type Appointment from '#appointments/models/appointment'
import { HOUSING_TYPE } from './services/housing.js'

/**
 * A housing appointment booked: the list of documents to bring is mailed
 * to the resident, with the booking, in the same transaction (the engine's
 * own mail says when and where).
 */
const housingHooks: AppointmentHooks = {
  async booked(trx: TransactionClientContract, appointment: Appointment) {
    await enqueue('social_housing_documents', { appointmentId: appointment.id }, { trx })
  },
  bookingPath: '/solidarites/logement',
}

export default { [HOUSING_TYPE]: housingHooks }
