import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import Sector from '../models/sector.js'

/** Four sectors of the city, as an admin would enter them. */
export async function fourSectors() {
  const names = ['Centre', 'Gare', 'Parc', 'Plateau']
  const sectors = []
  for (const name of names) sectors.push(await Sector.create({ name, streets: null }))
  return sectors
}

/**
 * `count` registered people, checked, spread over `sectors` in turn and
 * named in an order that is not the order of insertion (lists sort by name).
 */
export async function registeredPeople(count: number, sectorIds: (number | null)[]) {
  const now = dbTimestamp(clock.now())
  const rows = Array.from({ length: count }, (_, index) => ({
    user_id: null,
    agent_id: null,
    relation: 'agent',
    first_name: `Prénom${index}`,
    // 7 is prime with 300: the names come in another order than the ids.
    last_name: `Nom${String((index * 7) % count).padStart(4, '0')}`,
    birth_date: '1940-05-01',
    disabled: false,
    phone: '01 60 00 00 00',
    address_line: `${index + 1} rue de la Mairie`,
    postal_code: '91000',
    city: 'Évry-Courcouronnes',
    sector_id: sectorIds[index % sectorIds.length],
    referent_name: null,
    referent_phone: null,
    needs: null,
    consent_at: now,
    checked_at: now,
    confirmed_at: now,
    created_at: now,
    updated_at: now,
  }))
  for (let start = 0; start < rows.length; start += 100)
    await db.table('social_register_entries').multiInsert(rows.slice(start, start + 100))
  return db
    .from('social_register_entries')
    .select('id', 'last_name', 'first_name', 'sector_id')
    .orderBy('id') as Promise<
    { id: number; last_name: string; first_name: string; sector_id: number | null }[]
  >
}
