import type { DateTime } from 'luxon'

/**
 * The recurring jobs every worker process makes sure are planned when it
 * starts (each plans its next run itself; idempotency keys make several
 * processes plan each run once): draft purge, retention, invoice reminders,
 * payment checks.
 */
export async function scheduleMaintenance(now: DateTime) {
  const { schedulePurge } = await import('#demands/jobs/purge_drafts')
  const { scheduleRetention } = await import('#demands/jobs/apply_retention')
  const { scheduleInvoiceReminders, schedulePaymentsCheck } = await import('#payments/jobs/payment_jobs')
  await schedulePurge(now)
  await scheduleRetention(now)
  await scheduleInvoiceReminders(now)
  await schedulePaymentsCheck(now.plus({ minutes: 5 }))
}
