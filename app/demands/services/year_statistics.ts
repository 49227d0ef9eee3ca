import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { CITY_ZONE } from '#core/clock'
import { storedTimestamp } from '#core/database/dialect'

/** One row of procedure_year_statistics: how many demands share these figures. */
export interface YearStatisticsRow {
  year: number
  procedure_key: string
  service_slug: string
  channel: string
  outcome: string
  processing_days: number
  late: boolean
  demands: number
}

const KEY = [
  'year',
  'procedure_key',
  'service_slug',
  'channel',
  'outcome',
  'processing_days',
  'late',
] as const

/**
 * Adds the demands about to be purged to the yearly anonymous statistics,
 * inside the purge's transaction: the figures are kept if and only if the
 * demands go. Only what the statistics count is read (no name, no answer).
 * Demands that were never filed (drafts) count nowhere.
 */
export async function rollUpDemands(trx: TransactionClientContract, ids: number[]) {
  const demands = await trx
    .from('demands')
    .whereIn('id', ids)
    .whereNotNull('submitted_at')
    .select(
      'procedure_key',
      'service_slug',
      'origin',
      'state',
      'submitted_at',
      'closed_at',
      'due_at'
    )
  const rows = new Map<string, YearStatisticsRow>()
  for (const demand of demands) {
    const submitted = storedTimestamp(demand.submitted_at)!
    const closed = storedTimestamp(demand.closed_at)
    const due = storedTimestamp(demand.due_at)
    const row: YearStatisticsRow = {
      year: submitted.setZone(CITY_ZONE).year,
      procedure_key: demand.procedure_key,
      service_slug: demand.service_slug,
      channel: demand.origin,
      outcome: demand.state,
      processing_days: closed ? Math.max(0, Math.floor(closed.diff(submitted).as('days'))) : 0,
      late: Boolean(closed && due && closed > due),
      demands: 0,
    }
    const key = KEY.map((column) => String(row[column])).join('|')
    const existing = rows.get(key) ?? rows.set(key, row).get(key)!
    existing.demands++
  }
  if (rows.size === 0) return
  // Knex's upsert (Lucid's insert builder has none): both engines add to the row already kept.
  const knex = trx.getWriteClient()
  await knex
    .table('procedure_year_statistics')
    .insert([...rows.values()])
    .onConflict([...KEY])
    .merge({ demands: knex.raw('procedure_year_statistics.demands + excluded.demands') })
}
