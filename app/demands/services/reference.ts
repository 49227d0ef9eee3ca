import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import parvisConfig from '#config/parvis'
import { formatReference, nextNumber } from '#core/database/numbering'
import { clock } from '#core/clock'

/**
 * Allocates the next demand reference, `<PREFIX>-<year>-<6 digits>`, in the
 * caller's transaction. One upsert increments the scope's counter and returns
 * it: the row stays locked until the transaction ends, so two submissions
 * never share a number on either engine. A rolled-back submission may leave a
 * gap, never a duplicate.
 */
export async function nextReference(
  client: QueryClientContract = db.connection(),
  now: DateTime = clock.now()
) {
  return nextNumber(client, parvisConfig.referencePrefix, now)
}

export { formatReference, nextNumber }
