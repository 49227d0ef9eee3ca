import { defineModule } from '#core/modules/define_module'

/** Agendas, meeting types, opening hours, slots, bookings and reminders. */
export default defineModule({
  name: 'appointments',
  label: 'appointments.module',
})
