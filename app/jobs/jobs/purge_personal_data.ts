import logger from '@adonisjs/core/services/logger'
import { defineJob } from '#jobs/registry'
import { purgePersonalData } from '#jobs/personal_data'

/** The nightly purge of every kind of personal data the modules declare (scheduled in the jobs manifest). */
export const purgePersonalDataJob = defineJob<Record<string, never>>({
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    const removed = await purgePersonalData(now)
    logger.info({ removed }, 'personal data past its retention purged')
  },
})

export default purgePersonalDataJob
