import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { engineOf } from '#core/database/dialect'
import { clock } from '#core/clock'

/**
 * Numbered series (`DEM` for demands, `FAC` for invoices…):
 * `<prefix>-<year>-<6 digits>`, allocated in the caller's transaction. One
 * upsert increments the series' counter and returns it: the row stays locked
 * until the transaction ends, so two callers never share a number on either
 * engine. A rolled-back transaction may leave a gap, never a duplicate.
 */
/** The same numbering for any series (`FAC` for invoices…): `<prefix>-<year>-<6 digits>`. */
export async function nextNumber(
  client: QueryClientContract,
  prefix: string,
  now: DateTime = clock.now()
) {
  const year = now.setZone('Europe/Paris').year
  const scope = `${prefix}-${year}`
  const result = await client.rawQuery(
    `INSERT INTO reference_sequences (scope, last_value) VALUES (?, 1)
     ON CONFLICT (scope) DO UPDATE SET last_value = reference_sequences.last_value + 1
     RETURNING last_value`,
    [scope]
  )
  const row = engineOf(client) === 'postgres' ? result.rows[0] : result[0]
  return formatReference(prefix, year, Number(row.last_value))
}

export function formatReference(prefix: string, year: number, value: number) {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`
}
