import { defineBrick } from '#core/modules/define_module'
import { childhoodPersonalData } from './personal_data.js'
import { childhoodSettings } from './settings.js'
import { childhoodRetention } from './retention.js'

/**
 * Childhood (enfance): activity registrations with waiting lists, school
 * catering with the quotient familial, monthly invoices paid online through
 * the payments core.
 */
export default defineBrick({
  name: 'childhood',
  prefix: '/enfance',
  label: 'childhood.label',
  personalData: childhoodPersonalData,
  services: [{ slug: 'enfance', name: 'Enfance' }],
  // Granted per agent of the enfance service in /agents/admin/agents: accept or refuse registrations; run a month's canteen invoicing.
  // childhood.schools.manage: keep the schools (classes) and the school holidays of the city's zone.
  permissions: [
    'childhood.registrations.manage',
    'childhood.invoicing.run',
    'childhood.schools.manage',
  ],
  settings: childhoodSettings,
  retention: childhoodRetention,
  api: {
    resources: ['registrations', 'attendance'],
    routes: () => import('./api.js'),
    // Published by services/registrations.ts, in the transaction of the change.
    events: [
      {
        type: 'registration.created',
        resource: 'registrations',
        label: 'childhood.events.registration_created',
      },
      {
        type: 'registration.cancelled',
        resource: 'registrations',
        label: 'childhood.events.registration_cancelled',
      },
    ],
  },
  routes: {
    front: () => import('./routes/front.js'),
    back: () => import('./routes/back.js'),
  },
  navigation: {
    front: [{ label: 'childhood.nav', path: '' }],
    back: [{ label: 'childhood.nav_agents', path: '' }],
  },
  catalogue: [
    {
      title: 'childhood.catalogue.activities_title',
      summary: 'childhood.catalogue.activities_summary',
      path: 'activites',
      category: 'family',
      keywords: 'childhood.catalogue.activities_keywords',
    },
    {
      title: 'childhood.catalogue.canteen_title',
      summary: 'childhood.catalogue.canteen_summary',
      path: 'cantine',
      category: 'family',
      keywords: 'childhood.catalogue.canteen_keywords',
    },
  ],
  jobs: {
    childhood_invoice_mail: () => import('./jobs/invoice_mail.js'),
    childhood_canteen_invoicing: () => import('./jobs/canteen_invoicing.js'),
  },
  residentSpace: {
    timeline: {
      kinds: [
        {
          key: 'childhood_registration',
          label: 'childhood.space.kind',
          itemLabel: 'childhood.space.item',
        },
      ],
      source: () => import('./queries/resident_timeline.js'),
      agents: true,
    },
  },
  agentDashboard: [{ counts: () => import('./queries/waiting_work.js') }],
  seed: () => import('./database/seeders/demo.js'),
})
