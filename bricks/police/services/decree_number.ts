import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { engineOf } from '#core/database/dialect'

/**
 * The next number of the year's register, `AAAA-NNNN`, in the caller's
 * transaction. The upsert increments the year's counter row and keeps it
 * locked until the transaction ends: concurrent registrations wait for each
 * other, and a registration rolled back takes its increment with it, so the
 * numbers of a year follow each other without a gap or a duplicate.
 */
export async function nextDecreeNumber(trx: TransactionClientContract, year: number) {
  const result = await trx.rawQuery(
    `INSERT INTO police_decree_counters (year, last_number) VALUES (?, 1)
     ON CONFLICT (year) DO UPDATE SET last_number = police_decree_counters.last_number + 1
     RETURNING last_number`,
    [year]
  )
  const row = engineOf(trx) === 'postgres' ? result.rows[0] : result[0]
  const sequence = Number(row.last_number)
  return { sequence, number: formatDecreeNumber(year, sequence) }
}

export function formatDecreeNumber(year: number, sequence: number) {
  return `${year}-${String(sequence).padStart(4, '0')}`
}

export const DECREE_NUMBER = /^\d{4}-\d{4,}$/
