import { defineJob } from '#jobs/registry'
import DiscardDrafts from '#demands/actions/discard_draft'

/** Drafts nobody touched for this many days are deleted with their files. */
export const DRAFT_LIFETIME_DAYS = 30

/** The nightly purge (scheduled in the demands manifest). */
export const purgeDraftsJob = defineJob<Record<string, never>>({
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    const discard = new DiscardDrafts()
    while ((await discard.purgeOlderThan(DRAFT_LIFETIME_DAYS, now)) > 0) {}
  },
})

export default purgeDraftsJob
