import env from '#start/env'
import { defineModule } from '#core/modules/define_module'
import { jobsRetention } from '#jobs/retention'

/**
 * The jobs outbox, its workers and the scheduler. It knows no business: the
 * modules above declare their job handlers (`jobs`) and recurring runs
 * (`schedules`) in their manifests, and this module reads them from the
 * enabled modules (see registry.ts). Its own job is the nightly copy of the
 * embedded SQLite database (PostgreSQL is backed up with pg_dump).
 */
export default defineModule({
  name: 'jobs',
  label: 'jobs.module',
  jobs: {
    backup_database: () => import('#jobs/jobs/backup_database'),
    purge_personal_data: () => import('#jobs/jobs/purge_personal_data'),
  },
  schedules: [
    ...(env.get('DB_CONNECTION', 'sqlite') === 'sqlite'
      ? [{ job: 'backup_database', every: 'daily 02:30' } as const]
      : []),
    { job: 'purge_personal_data', every: 'daily 04:00' },
  ],
  retention: jobsRetention,
})
