import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { normalizeStreet } from '../services/streets.js'

export class StreetInOtherSector extends Error {
  constructor(public streets: string[]) {
    super(`Streets already in another sector: ${streets.join(', ')}`)
  }
}

export class SectorNameTaken extends Error {}
export class UnknownSector extends Error {}

/** One street name a line, blank lines and repeats dropped. */
export function streetLines(text: string) {
  const seen = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim().replace(/\s+/g, ' ')
    const normalized = normalizeStreet(name)
    if (normalized && !seen.has(normalized)) seen.set(normalized, name)
  }
  return seen
}

/** Adds the streets the city lacks; returns the ids of all of them. */
async function ensureStreets(trx: TransactionClientContract, names: Map<string, string>) {
  const normalized = [...names.keys()]
  const existing = await trx
    .from('police_streets')
    .whereIn('normalized', normalized.concat('-'))
    .select('id', 'normalized', 'sector_id')
  const known = new Set(existing.map((row) => row.normalized))
  const now = dbTimestamp(clock.now(), trx)
  const missing = normalized.filter((key) => !known.has(key))
  if (missing.length)
    await trx.table('police_streets').multiInsert(
      missing.map((key) => ({
        name: names.get(key),
        normalized: key,
        sector_id: null,
        created_at: now,
        updated_at: now,
      }))
    )
  return trx
    .from('police_streets')
    .whereIn('normalized', normalized.concat('-'))
    .select('id', 'name', 'sector_id')
}

/** The city's street list grows (streets outside any sector yet). */
export async function addStreets(text: string) {
  const names = streetLines(text)
  if (names.size === 0) return 0
  await db.transaction((trx) => ensureStreets(trx, names))
  return names.size
}

/**
 * A sector, new (no id) or redefined: its name and its streets, one a line.
 * A street already in another sector is refused (a street belongs to one
 * sector); streets dropped from the list leave the sector.
 */
export async function defineSector(input: { id?: number; name: string; streets: string }) {
  const names = streetLines(input.streets)
  return db.transaction(async (trx) => {
    if (input.id && !(await trx.from('police_sectors').where('id', input.id).first()))
      throw new UnknownSector()
    const namesake = trx.from('police_sectors').where('name', input.name)
    if (input.id) namesake.whereNot('id', input.id)
    if (await namesake.first()) throw new SectorNameTaken()
    const streets = await ensureStreets(trx, names)
    const taken = streets.filter((street) => street.sector_id && street.sector_id !== input.id)
    if (taken.length) throw new StreetInOtherSector(taken.map((street) => street.name))
    const now = dbTimestamp(clock.now(), trx)
    let id = input.id
    if (id) {
      await trx.from('police_sectors').where('id', id).update({ name: input.name, updated_at: now })
      await trx.from('police_streets').where('sector_id', id).update({ sector_id: null })
    } else {
      const [row] = await trx
        .table('police_sectors')
        .insert({ name: input.name, created_at: now, updated_at: now })
        .returning('id')
      id = typeof row === 'object' ? row.id : row
    }
    await trx
      .from('police_streets')
      .whereIn(
        'id',
        streets.map((street) => street.id)
      )
      .update({ sector_id: id })
    return id!
  })
}
