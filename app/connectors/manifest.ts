import { defineModule } from '#core/modules/define_module'

/** Outbound integrations: API clients, webhooks, external HTTP clients. */
export default defineModule({
  name: 'connectors',
  label: 'connectors.module',
  statistics: [
    {
      key: 'connecteurs',
      title: 'connectors.statistics.section',
      adminsOnly: true,
      source: () => import('#connectors/queries/statistics'),
    },
  ],
})
