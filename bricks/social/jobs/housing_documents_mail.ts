import { defineJob } from '#jobs/registry'
import Appointment from '#appointments/models/appointment'
import User from '#accounts/models/user'
import { queueMail } from '#notifications/queue_mail'
import parvisConfig from '#config/parvis'
import { documentsFor, longDate } from '../services/housing.js'

/** Mails the resident the documents to bring to their housing appointment. */
export const housingDocumentsMailJob = defineJob<{ appointmentId: number }>({
  async handle({ appointmentId }) {
    const appointment = await Appointment.query()
      .where('id', appointmentId)
      .where('status', 'booked')
      .preload('meetingPoint')
      .first()
    if (!appointment?.email) return
    const user = appointment.userId ? await User.find(appointment.userId) : null
    const purpose = appointment.details.purpose === 'renew' ? 'renew' : 'file'
    await queueMail({
      to: appointment.email,
      locale: user?.locale ?? 'fr',
      subject: 'social.housing.mail.subject',
      view: 'social::emails/housing_documents',
      data: {
        firstName: appointment.firstName,
        when: longDate(appointment.startsAt, true),
        place: appointment.meetingPoint.name,
        documents: documentsFor(purpose),
        link: `${parvisConfig.appUrl}/solidarites/logement/${appointment.id}`,
      },
    })
  },
})

export default housingDocumentsMailJob
