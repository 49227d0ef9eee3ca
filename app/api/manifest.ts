import { defineModule } from '#core/modules/define_module'
import '#api/define_api'
import { demandEvents } from '#api/webhooks/demand_events'

/**
 * /api/v1 for the business software of the city's services: API clients
 * managed by admins, the routes the modules declare (`api` in a manifest),
 * their OpenAPI document and reference page.
 */
export default defineModule({
  name: 'api',
  label: 'api.module',
  // The demands engine sits below this module: its resources are declared here.
  api: {
    resources: ['demands'],
    routes: () => import('#api/resources/demands'),
    events: demandEvents,
  },
  // Webhooks: the deliveries written with each event, and the sink that writes them.
  jobs: { deliver_webhooks: () => import('#api/webhooks/jobs/deliver_webhooks') },
  eventSinks: { webhooks: () => import('#api/webhooks/sink') },
})
