import { defineBrick } from '#core/modules/define_module'
import { publicSpacePersonalData } from './personal_data.js'
import { publicSpaceSettings } from './settings.js'

/**
 * Signalements: residents report a problem in public space (category,
 * address, photos) without JavaScript; it reaches the technical service the
 * category is routed to, whose agents plan, update and resolve it; the
 * reporter and the followers get its public updates and may reopen it.
 */
export default defineBrick({
  name: 'public_space',
  prefix: '/signalements',
  label: 'public_space.label',
  personalData: publicSpacePersonalData,
  services: [{ slug: 'services_techniques', name: 'Services techniques' }],
  // Granted per agent of the technical services in /agents/admin/agents: change reports (status, team, date, updates, merges).
  // public_space.categories.manage: edit the category tree and where each category is routed.
  permissions: ['public_space.reports.manage', 'public_space.categories.manage'],
  settings: publicSpaceSettings,
  routes: {
    front: () => import('./routes/front.js'),
    back: () => import('./routes/back.js'),
    public: () => import('./routes/open311.js'),
  },
  // The Open311 GeoReport v2 server (routes/open311.ts) lives at /open311/v2, where its clients look.
  publicPaths: ['/open311'],
  // Reports under /api/v1; and a client's key files reports through Open311
  // once an admin grants it the open311 scope in /agents/admin/api.
  api: { resources: ['reports'], routes: () => import('./api.js'), scopes: ['open311:write'] },
  navigation: {
    front: [{ label: 'public_space.nav', path: '' }],
    back: [
      { label: 'public_space.nav_agents', path: '' },
      { label: 'public_space.stats.nav', path: 'statistiques' },
      {
        label: 'public_space.categories.nav',
        path: 'categories',
        permission: 'public_space.categories.manage',
      },
    ],
  },
  catalogue: [
    {
      title: 'public_space.catalogue.title',
      summary: 'public_space.catalogue.summary',
      path: 'nouveau',
      category: 'living_environment',
      keywords: 'public_space.catalogue.keywords',
    },
  ],
  // Its figures as a section of /agents/statistiques too (its own page stays for its agents).
  statistics: [
    {
      key: 'signalements',
      title: 'public_space.stats.section.title',
      source: () => import('./queries/statistics_section.js'),
    },
  ],
  jobs: {
    public_space_mail: () => import('./jobs/report_mail.js'),
  },
})
