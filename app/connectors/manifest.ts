import { defineModule } from '#core/modules/define_module'

/** Outbound integrations: API clients, webhooks, external HTTP clients. */
export default defineModule({
  name: 'connectors',
  label: 'connectors.module',
})
