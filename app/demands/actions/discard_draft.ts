import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import { deleteStored } from '#demands/services/uploads'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/** Deletes drafts and their files: one the resident discards, or those untouched for 30 days. */
export default class DiscardDrafts {
  async handle(ids: number[]) {
    if (ids.length === 0) return 0
    const keys = await db.transaction(async (trx) => {
      const drafts = await Demand.query({ client: trx })
        .whereIn('id', ids)
        .where('state', 'draft')
        .select('id')
      const draftIds = drafts.map((draft) => draft.id)
      if (draftIds.length === 0) return [] as string[]
      const files = await DemandFile.query({ client: trx }).whereIn('demandId', draftIds)
      await Demand.query({ client: trx }).whereIn('id', draftIds).delete()
      return files.map((file) => file.storageKey)
    })
    await deleteStored(keys)
    return ids.length
  }

  /** Purges drafts not touched for `days` days; returns how many went. */
  async purgeOlderThan(days = 30, now: DateTime<boolean> = clock.now()) {
    const stale = await Demand.query()
      .where('state', 'draft')
      .where('updated_at', '<', dbTimestamp(now.minus({ days })))
      .select('id')
      .limit(1000)
    return this.handle(stale.map((draft) => draft.id))
  }
}
