import { defineModule } from '#core/modules/define_module'

/**
 * The jobs outbox, its workers and the scheduler. It knows no business: the
 * modules above declare their job handlers (`jobs`) and recurring runs
 * (`schedules`) in their manifests, and this module reads them from the
 * enabled modules (see registry.ts).
 */
export default defineModule({
  name: 'jobs',
  label: 'jobs.module',
})
