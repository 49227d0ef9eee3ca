import { defineBrick } from '#core/modules/define_module'
import { aidRequestProcedure } from './procedures/aid_request.js'
import { aidWorkflow } from './workflows/aid.js'

/**
 * Solidarités: senior activities, social-housing appointments and aid requests confidential to the social service, and the register of vulnerable people for the heat-wave and cold plans.
 */
export default defineBrick({
  name: 'social',
  prefix: '/solidarites',
  label: 'social.label',
  // Confidential: the core keeps its demands and appointments to its own agents and audits every opening.
  services: [{ slug: 'solidarites', name: 'Solidarités', confidential: true }],
  permissions: ['social.aid.decide'],
  procedures: [aidRequestProcedure],
  workflows: [aidWorkflow],
  jobs: { social_housing_documents: () => import('./jobs/housing_documents_mail.js') },
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
  ],
})
