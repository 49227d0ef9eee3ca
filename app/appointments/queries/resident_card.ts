import Appointment from '#appointments/models/appointment'
import { dbTimestamp } from '#core/database/dialect'
import { CITY_ZONE, clock } from '#core/clock'
import type { ResidentCardSource } from '#accounts/resident_space'

/** The appointments card of /mon-espace: the next appointment, if any. */
const appointmentsCard: ResidentCardSource = async ({ userId, t }) => {
  const next = await Appointment.query()
    .where('userId', userId)
    .where('status', 'booked')
    .where('endsAt', '>', dbTimestamp(clock.now().toUTC()))
    .preload('meetingType')
    .orderBy('startsAt')
    .first()
  return {
    title: t('appointments.resident.title'),
    href: '/mon-espace/rendez-vous',
    text: next ? t('appointments.space.next') : t('appointments.space.card_text'),
    links: next
      ? [
          {
            label: next.meetingType.label,
            href: `/rendez-vous/${next.id}`,
            detail: next.startsAt.setZone(CITY_ZONE).toFormat('dd/MM/yyyy HH:mm'),
          },
        ]
      : [],
  }
}

export default appointmentsCard
