import { defineBrick } from '#core/modules/define_module'
import './appointments.js'
import { NATIONAL_PROCEDURES } from './services/national.js'
import { administrationChecks } from './checks.js'

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
  permissions: ['administration.agenda.manage', 'administration.settings.manage'],
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
    { title: 'administration.booking.title', summary: 'administration.booking.summary', path: 'rendez-vous-titre', category: 'papiers' },
    { title: 'administration.pickup.title', summary: 'administration.pickup.summary', path: 'retrait-titre', category: 'papiers' },
    ...NATIONAL_PROCEDURES.map((entry) => ({ title: `administration.national.items.${entry.key}.title`, summary: `administration.national.items.${entry.key}.text`, path: entry.url, category: 'national', external: true })),
  ],
  checks: administrationChecks,
  agentDashboard: [{ counts: () => import('./queries/waiting_work.js') }],
  seed: () => import('./database/seeders/demo.js'),
})
