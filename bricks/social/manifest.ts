import { defineBrick } from '#core/modules/define_module'
import { socialPersonalData } from './personal_data.js'
import { registerRetention } from './retention.js'
import { aidRequestProcedure } from './procedures/aid_request.js'
import { aidWorkflow } from './workflows/aid.js'

/**
 * Solidarités: senior activities, social-housing appointments and aid requests confidential to the social service, and the register of vulnerable people for the heat-wave and cold plans.
 */
export default defineBrick({
  name: 'social',
  prefix: '/solidarites',
  label: 'social.label',
  personalData: socialPersonalData,
  // Confidential: the core keeps its demands and appointments to its own agents and audits every opening.
  services: [{ slug: 'solidarites', name: 'Solidarités', confidential: true }],
  // social.register.sectors: keep the sectors the register's call lists are split by.
  // social.seniors.manage: build the seniors' programme, register at the counter, cancel, record attendance.
  // social.aid.decide: decide aid requests at the commission.
  permissions: ['social.register.sectors', 'social.seniors.manage', 'social.aid.decide'],
  retention: [...registerRetention],
  agentDashboard: [{ counts: () => import('./queries/waiting_work.js') }],
  procedures: [aidRequestProcedure],
  workflows: [aidWorkflow],
  appointmentHooks: () => import('./appointments.js'),
  routes: {
    front: () => import('./routes/front.js'),
    back: () => import('./routes/back.js'),
  },
  navigation: {
    front: [{ label: 'social.nav', path: '' }],
    back: [{ label: 'social.nav_agents', path: '' }],
  },
  catalogue: [
    {
      title: 'social.catalogue.title',
      summary: 'social.catalogue.summary',
      path: '',
      // The heading of /demarches it is listed under: one of CATALOGUE_CATEGORIES (app/core/modules/catalogue_categories.ts).
      category: 'solidarity',
      keywords: 'social.catalogue.keywords',
    },
    {
      title: 'social.seniors.title',
      summary: 'social.seniors.intro',
      path: 'seniors',
      category: 'solidarity',
      keywords: 'social.seniors.keywords',
    },
  ],
  jobs: {
    social_seniors_reminders: () => import('./jobs/seniors_reminders.js'),
    social_housing_documents: () => import('./jobs/housing_documents_mail.js'),
  },
  schedules: [{ job: 'social_seniors_reminders', every: 'daily 09:00' }],
})
