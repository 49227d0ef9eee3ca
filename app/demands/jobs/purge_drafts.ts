import { DateTime } from 'luxon'
import { defineJob } from '#connectors/jobs/registry'
import { enqueue } from '#connectors/jobs/enqueue'
import DiscardDrafts from '#demands/actions/discard_draft'

/** Drafts nobody touched for this many days are deleted with their files. */
export const DRAFT_LIFETIME_DAYS = 30

function nextRun(now: DateTime<boolean>) {
  return now.setZone('Europe/Paris').plus({ days: 1 }).set({ hour: 3, minute: 0, second: 0, millisecond: 0 })
}

/** Plans the nightly purge; the key makes it once per night whoever asks (every process at boot). */
export function schedulePurge(runAt: DateTime<boolean>) {
  return enqueue('purge_drafts', {}, { runAt, idempotencyKey: `purge_drafts:${runAt.setZone('Europe/Paris').toISODate()}` })
}

export const purgeDraftsJob = defineJob<Record<string, never>>({
  name: 'purge_drafts',
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    const discard = new DiscardDrafts()
    while ((await discard.purgeOlderThan(DRAFT_LIFETIME_DAYS, now)) > 0) {}
    await schedulePurge(nextRun(now))
  },
})
