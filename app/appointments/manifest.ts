import { defineModule } from '#core/modules/define_module'

/** Agendas, meeting types, opening hours, slots, bookings and reminders. */
export default defineModule({
  name: 'appointments',
  label: 'appointments.module',
  jobs: {
    appointment_mail: () => import('#appointments/jobs/appointment_mail'),
    waiting_list_alert: () => import('#appointments/jobs/waiting_list_alert'),
  },
})
