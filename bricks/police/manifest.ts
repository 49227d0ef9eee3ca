import { defineBrick } from '#core/modules/define_module'
import { policePersonalData } from './personal_data.js'
import { otvProcedure } from './procedures/otv.js'
import { policeSettings } from './settings.js'
import { policeRetention } from './retention.js'
import { streetDecreeRequest } from './procedures/street_decree_request.js'

/**
 * Municipal police: Opération Tranquillité Vacances (declarations, patrol rounds, passages and anomalies) and the register of municipal decrees published electronically.
 */
export default defineBrick({
  name: 'police',
  prefix: '/police-municipale',
  label: 'police.label',
  personalData: policePersonalData,
  services: [{ slug: 'tranquillite_publique', name: 'Police municipale' }],
  // OTV: police.otv.patrol — the day's lists, passages, anomalies; police.otv.manage — streets and sectors.
  // Decrees: police.decrees.manage — register, publish, abrogate.
  permissions: ['police.otv.patrol', 'police.otv.manage', 'police.decrees.manage'],
  settings: policeSettings,
  retention: policeRetention,
  procedures: [otvProcedure, streetDecreeRequest],
  jobs: {
    police_otv_anomaly_mail: () => import('./jobs/anomaly_mail.js'),
    police_otv_summaries: () => import('./jobs/summaries.js'),
  },
  schedules: [{ job: 'police_otv_summaries', every: 'daily 08:00' }],
  api: { resources: ['otv_absences', 'decrees'], routes: () => import('./api.js') },
  routes: {
    front: () => import('./routes/front.js'),
    back: () => import('./routes/back.js'),
    public: () => import('./routes/public.js'),
  },
  // The register of decrees lives at /arretes (routes/public.ts), outside the prefix.
  publicPaths: ['/arretes'],
  seed: () => import('./database/seeders/demo.js'),
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
