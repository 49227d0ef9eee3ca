import drive from '@adonisjs/drive/services/main'
import { defineJob } from '#jobs/registry'
import PersonalDataExport, { EXPORT_VALID_HOURS } from '#portal/models/personal_data_export'
import { dbTimestamp } from '#core/database/dialect'

/**
 * Every night: archives past their 48 hours go, file and row (the download
 * route already refuses them; this frees the disk). An archive still
 * pending after that long is dropped too: its job is dead, asking again
 * starts a new one.
 */
export default defineJob<Record<string, never>>({
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    const expired = await PersonalDataExport.query()
      .where((query) =>
        query
          .where('expiresAt', '<=', dbTimestamp(now))
          .orWhere((pending) =>
            pending
              .where('status', 'pending')
              .where('createdAt', '<', dbTimestamp(now.minus({ hours: EXPORT_VALID_HOURS })))
          )
      )
      .limit(1000)
    for (const request of expired) {
      if (request.storageKey)
        await drive
          .use()
          .delete(request.storageKey)
          .catch(() => undefined)
      await request.delete()
    }
  },
})
