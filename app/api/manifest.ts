import { defineModule } from '#core/modules/define_module'
import '#api/define_api'
import { apiRetention } from '#api/retention'
import { appointmentEvents, demandEvents, paymentEvents } from '#api/webhooks/engine_events'

/**
 * /api/v1 for the business software of the city's services: API clients
 * managed by admins, the routes the modules declare (`api` in a manifest),
 * their OpenAPI document and reference page.
 */
export default defineModule({
  name: 'api',
  label: 'api.module',
  // The demands, appointments and payments engines sit below this module: their resources are declared here.
  api: {
    resources: ['demands', 'appointments', 'invoices', 'payments'],
    routes: () => import('#api/resources/core'),
    events: [...demandEvents, ...appointmentEvents, ...paymentEvents],
  },
  retention: apiRetention,
  // Webhooks: the deliveries written with each event, and the sink that writes them.
  jobs: { deliver_webhooks: () => import('#api/webhooks/jobs/deliver_webhooks') },
  eventSinks: { webhooks: () => import('#api/webhooks/sink') },
})
