import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock, CITY_ZONE } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'

export interface HomeToWatch {
  id: number
  reference: string
  streetName: string
  streetNumber: number
  addressComplement: string | null
  startsOn: string
  endsOn: string
  homeType: string
  alarm: boolean
  alarmCompany: string | null
  keyHolderName: string | null
  keyHolderPhone: string | null
  vehicles: string | null
  pets: string | null
  instructions: string | null
  /** passages in the last seven days */
  recentPassages: number
  /** an anomaly no agent closed yet */
  openAnomaly: boolean
}

export interface SectorList {
  id: number
  name: string
  homes: HomeToWatch[]
}

/**
 * The homes each patrol watches on `day` (absences in force that day,
 * both ends included, their e-mail address confirmed), sector by sector, in the order of a round: by street
 * name, then number. Two queries whatever the number of homes.
 */
export async function dailyLists(day = clock.today(), onlySector?: number): Promise<SectorList[]> {
  const sectors = await db
    .from('police_sectors')
    .if(onlySector, (query) => query.where('id', onlySector!))
    .select('id', 'name')
    .orderBy('name')
  const since = dbTimestamp(
    DateTime.fromISO(day, { zone: CITY_ZONE }).minus({ days: 6 }).startOf('day').toUTC()
  )
  const rows = await db
    .from('police_otv_absences as a')
    .join('police_streets as s', 's.id', 'a.street_id')
    .whereNotNull('s.sector_id')
    .if(onlySector, (query) => query.where('s.sector_id', onlySector!))
    .where('a.status', '!=', 'cancelled')
    .where('a.awaiting_email_confirmation', false)
    .where('a.starts_on', '<=', day)
    .where('a.ends_on', '>=', day)
    .select(
      'a.*',
      's.name as street_name',
      's.sector_id',
      db
        .from('police_otv_passages as p')
        .whereColumn('p.absence_id', 'a.id')
        .where('p.passed_at', '>=', since)
        .count('*')
        .as('recent_passages'),
      db
        .from('police_otv_passages as o')
        .whereColumn('o.absence_id', 'a.id')
        .where('o.anomaly', true)
        .whereNull('o.anomaly_closed_at')
        .count('*')
        .as('open_anomalies')
    )
  const bySector = new Map<number, HomeToWatch[]>(sectors.map((sector) => [sector.id, []]))
  for (const row of rows) {
    // a return declared today ends the watch today
    if (row.status === 'returned' && row.ends_on <= day) continue
    bySector.get(row.sector_id)?.push({
      id: row.id,
      reference: row.reference,
      streetName: row.street_name,
      streetNumber: Number(row.street_number),
      addressComplement: row.address_complement,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      homeType: row.home_type,
      alarm: Boolean(row.alarm),
      alarmCompany: row.alarm_company,
      keyHolderName: row.key_holder_name,
      keyHolderPhone: row.key_holder_phone,
      vehicles: row.vehicles,
      pets: row.pets,
      instructions: row.instructions,
      recentPassages: Number(row.recent_passages),
      openAnomaly: Number(row.open_anomalies) > 0,
    })
  }
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })
  return sectors.map((sector) => ({
    id: sector.id,
    name: sector.name,
    homes: bySector
      .get(sector.id)!
      .sort(
        (a, b) =>
          collator.compare(a.streetName, b.streetName) ||
          a.streetNumber - b.streetNumber ||
          a.id - b.id
      ),
  }))
}

/**
 * Passages a home should have had by `day`: the weekly target, prorated
 * for a home watched fewer than seven days so far.
 */
export function expectedPassages(home: HomeToWatch, perWeek: number, day = clock.today()) {
  const watchedDays = Math.min(
    7,
    Math.floor(DateTime.fromISO(day).diff(DateTime.fromISO(home.startsOn), 'days').days) + 1
  )
  return Math.floor((perWeek * watchedDays) / 7)
}
