import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { CITY_ZONE } from '#core/clock'
import { purgeExpiredRows } from '#core/database/purge'
import { lockForUpdate } from '#core/database/dialect'
import type { RetentionDeclaration } from '#core/modules/retention'

/**
 * Before finished absences go, what they tell without naming anyone is added
 * to the monthly statistics of their sector: homes watched, passages,
 * anomalies (the month of departure). Cancelled absences were never watched
 * and count for nothing.
 */
export async function keepStatistics(ids: number[], trx: TransactionClientContract) {
  const rows = await trx
    .from('police_otv_absences as a')
    .join('police_streets as s', 's.id', 'a.street_id')
    .leftJoin('police_sectors as z', 'z.id', 's.sector_id')
    .whereIn('a.id', ids)
    .whereNot('a.status', 'cancelled')
    .select(
      'a.starts_on',
      'z.name as sector',
      trx
        .from('police_otv_passages as p')
        .whereColumn('p.absence_id', 'a.id')
        .count('*')
        .as('passages'),
      trx
        .from('police_otv_passages as p')
        .whereColumn('p.absence_id', 'a.id')
        .where('p.anomaly', true)
        .count('*')
        .as('anomalies')
    )
  const totals = new Map<
    string,
    { month: string; sector: string; homes: number; passages: number; anomalies: number }
  >()
  for (const row of rows) {
    const month = String(row.starts_on).slice(0, 7)
    const sector = row.sector ?? '—'
    const key = `${month}|${sector}`
    const total = totals.get(key) ?? { month, sector, homes: 0, passages: 0, anomalies: 0 }
    total.homes += 1
    total.passages += Number(row.passages)
    total.anomalies += Number(row.anomalies)
    totals.set(key, total)
  }
  for (const total of totals.values()) {
    const existing = await lockForUpdate(
      trx.from('police_otv_statistics').where('month', total.month).where('sector', total.sector),
      trx
    ).first()
    if (existing)
      await trx
        .from('police_otv_statistics')
        .where('id', existing.id)
        .update({
          homes: Number(existing.homes) + total.homes,
          passages: Number(existing.passages) + total.passages,
          anomalies: Number(existing.anomalies) + total.anomalies,
        })
    else await trx.table('police_otv_statistics').insert(total)
  }
}

/** What the police brick keeps about residents away from home, and for how long. */
export const policeRetention: RetentionDeclaration[] = [
  {
    key: 'otv_absences',
    label: 'police.otv.retention.absences',
    start: 'police.otv.retention.absences_start',
    unit: 'months',
    default: 6,
    max: 24,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'police_otv_absences',
        expired: (query) => query.where('ends_on', '<', limit.setZone(CITY_ZONE).toISODate()!),
        // passages go with their absence, once counted
        beforeDelete: async (rows, trx) => {
          const ids = rows.map((row) => row.id)
          await keepStatistics(ids, trx)
          await trx.from('police_otv_passages').whereIn('absence_id', ids).delete()
        },
      }),
  },
]
