import { defineBrick } from '#core/modules/define_module'
import './jobs/invoice_mail.js'
import './jobs/canteen_invoicing.js'

/**
 * Childhood (enfance): activity registrations with waiting lists, school
 * catering with the quotient familial, monthly invoices paid online through
 * the payments core.
 */
export default defineBrick({
  name: 'childhood',
  prefix: '/enfance',
  label: 'childhood.label',
  services: [{ slug: 'enfance', name: 'Enfance' }],
  permissions: ['childhood.registrations.manage', 'childhood.invoicing.run'],
  routes: {
    front: () => import('./routes/front.js'),
    back: () => import('./routes/back.js'),
  },
  navigation: {
    front: [{ label: 'childhood.nav', path: '' }],
    back: [{ label: 'childhood.nav_agents', path: '' }],
  },
  catalogue: [
    { title: 'childhood.catalogue.activities_title', summary: 'childhood.catalogue.activities_summary', path: 'activites', category: 'enfance' },
    { title: 'childhood.catalogue.canteen_title', summary: 'childhood.catalogue.canteen_summary', path: 'cantine', category: 'enfance' },
  ],
  residentSpace: {
    timeline: { kinds: [{ key: 'childhood_registration', label: 'childhood.space.kind', itemLabel: 'childhood.space.item' }], source: () => import('./queries/resident_timeline.js') },
  },
  agentDashboard: [{ counts: () => import('./queries/waiting_work.js') }],
  seed: () => import('./database/seeders/demo.js'),
})
