import { defineModule } from '#core/modules/define_module'
import { demandsRetention } from '#demands/retention'
import { demandsPersonalData } from '#demands/personal_data'
import { coreProcedures } from '#demands/procedures/core/index'
import { procedureSettings } from '#demands/services/procedure_settings'

/** Procedures, demands, their timeline, messages and files. */
export default defineModule({
  name: 'demands',
  label: 'demands.module',
  retention: demandsRetention,
  personalData: demandsPersonalData,
  // "Nous contacter" reaches the front desk's inbox.
  services: [{ slug: 'accueil', name: 'Accueil' }],
  procedures: coreProcedures,
  // A processing time and a retention per procedure of the enabled modules, the code's values by default.
  settings: procedureSettings,
  policies: { CounterPolicy: () => import('#demands/policies/counter_policy') },
  jobs: {
    purge_drafts: () => import('#demands/jobs/purge_drafts'),
    apply_retention: () => import('#demands/jobs/apply_retention'),
    mail_demand_updates: () => import('#demands/jobs/mail_demand_updates'),
  },
  schedules: [
    { job: 'purge_drafts', every: 'daily 03:00' },
    { job: 'apply_retention', every: 'daily 03:30' },
  ],
  residentSpace: {
    timeline: {
      kinds: [{ key: 'demand', label: 'demands.space.kind', itemLabel: 'demands.space.item' }],
      source: () => import('#demands/queries/resident_timeline'),
      agents: true,
    },
    cards: [
      { order: 10, card: () => import('#demands/queries/resident_card') },
      { order: 40, card: () => import('#demands/queries/notifications_card') },
    ],
  },
  agentDashboard: [{ counts: () => import('#demands/queries/waiting_work') }],
  statistics: [
    {
      key: 'demandes',
      title: 'demands.statistics.section',
      source: () => import('#demands/queries/statistics'),
    },
  ],
  seed: () => import('#demands/database/seeders/demo'),
})
