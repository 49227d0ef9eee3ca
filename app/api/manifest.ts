import { defineModule } from '#core/modules/define_module'
import '#api/define_api'
import { apiRetention } from '#api/retention'

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
  },
  retention: apiRetention,
})
