import { defineBrick } from '#core/modules/define_module'
import { NATIONAL_PROCEDURES } from './services/national.js'
import { administrationChecks } from './checks.js'
import { administrationSettings } from './settings.js'

/**
 * Formalities (état civil): ID-card and passport appointments checked with
 * ANTS, pick-up appointments for ready titles, and the national procedures
 * the city relays.
 */
export default defineBrick({
  name: 'administration',
  prefix: '/formalites',
  label: 'administration.label',
  services: [{ slug: 'etat_civil', name: 'État civil' }],
  // Granted per agent of état civil in /agents/admin/agents: change the ANTS setting from the agenda during an outage.
  permissions: ['administration.settings.manage'],
  settings: administrationSettings,
  routes: {
    front: () => import('./routes/front.js'),
    back: () => import('./routes/back.js'),
    api: () => import('./routes/api.js'),
  },
  navigation: {
    front: [{ label: 'administration.nav', path: '' }],
    back: [{ label: 'administration.nav_agents', path: '' }],
  },
  catalogue: [
    {
      title: 'administration.booking.title',
      summary: 'administration.booking.summary',
      path: 'rendez-vous-titre',
      category: 'civil_status',
      keywords: 'administration.booking.keywords',
    },
    {
      title: 'administration.pickup.title',
      summary: 'administration.pickup.summary',
      path: 'retrait-titre',
      category: 'civil_status',
      keywords: 'administration.pickup.keywords',
    },
    ...NATIONAL_PROCEDURES.map((entry) => ({
      title: `administration.national.items.${entry.key}.title`,
      summary: `administration.national.items.${entry.key}.text`,
      keywords: `administration.national.items.${entry.key}.keywords`,
      path: entry.url,
      category: entry.category,
      external: true,
    })),
  ],
  appointmentHooks: () => import('./appointments.js'),
  jobs: {
    ants_declare: () => import('./jobs/ants_sync.js').then((file) => file.antsDeclareJob),
    ants_withdraw: () => import('./jobs/ants_sync.js').then((file) => file.antsWithdrawJob),
  },
  checks: administrationChecks,
  agentDashboard: [{ counts: () => import('./queries/waiting_work.js') }],
  seed: () => import('./database/seeders/demo.js'),
})
