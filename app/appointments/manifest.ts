import { defineModule } from '#core/modules/define_module'
import { appointmentsPersonalData } from '#appointments/personal_data'
import { appointmentsRetention } from '#appointments/retention'

/** Agendas, meeting types, opening hours, slots, bookings and reminders. */
export default defineModule({
  name: 'appointments',
  label: 'appointments.module',
  personalData: appointmentsPersonalData,
  policies: { AppointmentPolicy: () => import('#appointments/policies/appointment_policy') },
  // Core modules have no prefix: the agents' link is /agents/rendez-vous.
  navigation: { back: [{ label: 'appointments.agents.nav', path: 'rendez-vous' }] },
  retention: appointmentsRetention,
  // Where residents find the booking pages of the types no brick brings (urbanisme, social…).
  catalogue: [
    {
      title: 'appointments.book.catalogue.title',
      summary: 'appointments.book.catalogue.summary',
      keywords: 'appointments.book.catalogue.keywords',
      path: 'rendez-vous',
      category: 'other',
    },
  ],
  jobs: {
    appointment_mail: () => import('#appointments/jobs/appointment_mail'),
    waiting_list_alert: () => import('#appointments/jobs/waiting_list_alert'),
  },
  residentSpace: {
    timeline: {
      kinds: [
        {
          key: 'appointment',
          label: 'appointments.space.kind',
          itemLabel: 'appointments.space.item',
        },
      ],
      source: () => import('#appointments/queries/resident_timeline'),
      agents: true,
    },
    cards: [{ order: 20, card: () => import('#appointments/queries/resident_card') }],
  },
  statistics: [
    {
      key: 'rendez-vous',
      title: 'appointments.statistics.section',
      source: () => import('#appointments/queries/statistics'),
    },
  ],
})
