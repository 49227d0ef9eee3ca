import type { ApiEventDeclaration } from '#api/define_api'

/** What the demands engine publishes (`#demands/events`), declared here as the engines sit below /api/v1. */
export const demandEvents: ApiEventDeclaration[] = [
  { type: 'demand.submitted', resource: 'demands', label: 'api.events.demand_submitted' },
  { type: 'demand.transitioned', resource: 'demands', label: 'api.events.demand_transitioned' },
  { type: 'demand.message_posted', resource: 'demands', label: 'api.events.demand_message_posted' },
  { type: 'demand.assigned', resource: 'demands', label: 'api.events.demand_assigned' },
]

/** What the appointments engine publishes (`#appointments/events`), declared here for the same reason. */
export const appointmentEvents: ApiEventDeclaration[] = [
  { type: 'appointment.booked', resource: 'appointments', label: 'api.events.appointment_booked' },
  { type: 'appointment.moved', resource: 'appointments', label: 'api.events.appointment_moved' },
  {
    type: 'appointment.cancelled',
    resource: 'appointments',
    label: 'api.events.appointment_cancelled',
  },
  { type: 'appointment.closed', resource: 'appointments', label: 'api.events.appointment_closed' },
]

/** What the payments engine publishes (`#payments/events`). */
export const paymentEvents: ApiEventDeclaration[] = [
  { type: 'invoice.issued', resource: 'invoices', label: 'api.events.invoice_issued' },
  { type: 'payment.succeeded', resource: 'payments', label: 'api.events.payment_succeeded' },
]
