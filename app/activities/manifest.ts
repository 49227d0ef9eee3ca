import { defineModule } from '#core/modules/define_module'
import { activitiesPersonalData } from '#activities/personal_data'

/**
 * Activities, sessions, places, registrations, waiting lists and attendance:
 * one engine that every brick with activities (childhood, seniors…) runs on.
 * Each row carries the `owner` module, so a brick sees only its own.
 */
export default defineModule({
  name: 'activities',
  label: 'activities.module',
  personalData: activitiesPersonalData,
  statistics: [
    {
      key: 'activites',
      title: 'activities.statistics.section',
      source: () => import('#activities/queries/statistics'),
    },
  ],
})
