import { defineBrick } from '#core/modules/define_module'
import { streetDecreeRequest } from './procedures/street_decree_request.js'

/**
 * Municipal police: Opération Tranquillité Vacances (declarations, patrol rounds, passages and anomalies) and the register of municipal decrees published electronically.
 */
export default defineBrick({
  name: 'police',
  prefix: '/police-municipale',
  label: 'police.label',
  services: [{ slug: 'police-municipale', name: 'Police municipale' }],
  permissions: ['police.decrees.manage'],
  procedures: [streetDecreeRequest],
  routes: {
    front: () => import('./routes/front.js'),
    back: () => import('./routes/back.js'),
    public: () => import('./routes/public.js'),
  },
  // The register of decrees lives at /arretes (routes/public.ts), outside the prefix.
  publicPaths: ['/arretes'],
  navigation: {
    front: [{ label: 'police.nav', path: '' }],
    back: [{ label: 'police.nav_agents', path: '' }],
  },
  catalogue: [
    {
      title: 'police.catalogue.title',
      summary: 'police.catalogue.summary',
      path: '',
      // The heading of /demarches it is listed under: one of CATALOGUE_CATEGORIES (app/core/modules/catalogue_categories.ts).
      category: 'safety',
      keywords: 'police.catalogue.keywords',
    },
  ],
})
