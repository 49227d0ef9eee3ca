import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Recurring jobs are now enqueued by the scheduler from the manifests'
 * `schedules` (idempotency key `schedule:<job>:<due time>`) instead of each
 * run planning the next one. The runs the old way had already planned are
 * removed, so the scheduler is the only one to plan them (they would have
 * run once more, harmlessly, next to the scheduled run). Job names did not
 * change; other pending jobs are kept as they are.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      await db
        .from('jobs')
        .whereIn('name', ['purge_drafts', 'apply_retention', 'invoice_reminders', 'payments_check'])
        .where('status', 'pending')
        .where('attempts', 0)
        .whereNot('idempotency_key', 'like', 'schedule:%')
        .delete()
    })
  }

  async down() {
    // The next start of a worker before this change plans them again.
  }
}
