import { defineModule } from '#core/modules/define_module'
import { portalPersonalData } from '#portal/personal_data'

/**
 * Home, catalogue, content pages and the resident's space, with the
 * resident's own data (/mon-espace/donnees): the archive of what every
 * module holds about them and the deletion of their account, both read from
 * the modules' `personalData` declarations.
 */
export default defineModule({
  name: 'portal',
  label: 'portal.module',
  personalData: portalPersonalData,
  jobs: {
    export_personal_data: () => import('#portal/jobs/export_personal_data'),
    remove_expired_data_exports: () => import('#portal/jobs/remove_expired_data_exports'),
  },
  schedules: [{ job: 'remove_expired_data_exports', every: 'daily 04:15' }],
})
