import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import { allProcedures } from '#demands/procedures/registry'
import { refreshBuiltProcedures } from '#demands/procedures/built/published'
import { deleteStored } from '#demands/services/uploads'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { procedureTimes } from '#demands/services/procedure_settings'
import { rollUpDemands } from '#demands/services/year_statistics'

/**
 * Each procedure keeps its closed demands for the retention in force (an
 * admin setting, the procedure's `retentionMonths` by default) after they
 * closed; past that, the demand, its timeline, its files and its
 * notifications are deleted (the audit keeps that someone read it, not
 * what), once their anonymous figures are added to the yearly statistics
 * (procedure_year_statistics) in the same transaction. Runs every night (scheduled in the demands manifest), a thousand
 * demands at a time.
 */
export async function applyRetention(now: DateTime = clock.now()) {
  let removed = 0
  await refreshBuiltProcedures()
  const procedures = allProcedures()
  const times = await procedureTimes(procedures)
  for (const procedure of procedures) {
    const { retentionMonths } = times.get(procedure.key)!
    const limit = dbTimestamp(now.minus({ months: retentionMonths }))
    for (;;) {
      const expired = await Demand.query()
        .where('procedureKey', procedure.key)
        .whereNotNull('closedAt')
        .where('closed_at', '<', limit)
        .select('id')
        .limit(1000)
      if (expired.length === 0) break
      const ids = expired.map((demand) => demand.id)
      const keys = await db.transaction(async (trx) => {
        const files = await DemandFile.query({ client: trx }).whereIn('demandId', ids)
        await rollUpDemands(trx, ids)
        await trx.from('audit_entries').whereIn('demand_id', ids).update({ demand_id: null })
        await Demand.query({ client: trx }).whereIn('id', ids).delete()
        return files.map((file) => file.storageKey)
      })
      await deleteStored(keys)
      removed += ids.length
    }
  }
  return removed
}

export const applyRetentionJob = defineJob<Record<string, never>>({
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    await applyRetention(now)
  },
})

export default applyRetentionJob
