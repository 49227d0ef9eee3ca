import db from '@adonisjs/lucid/services/db'
import { clock, CITY_ZONE } from '#core/clock'
import { readSettings } from '#core/services/settings'
import OtvAbsence from '../models/otv_absence.js'
import OtvPassage from '../models/otv_passage.js'
import { policeSettings } from '../settings.js'
import { dailyLists, expectedPassages } from './patrol_lists.js'

/** What the chief reads on the OTV page: today's lists, the homes behind the weekly target, the open anomalies. */
export async function patrolOverview(today = clock.today()) {
  const { otvPassagesPerWeek: perWeek } = await readSettings('police', policeSettings)
  const lists = await dailyLists(today)
  const behind = lists.flatMap((sector) =>
    sector.homes
      .map((home) => ({
        sector: sector.name,
        home,
        expected: expectedPassages(home, perWeek, today),
      }))
      .filter((row) => row.home.recentPassages < row.expected)
  )
  const open = await OtvPassage.query()
    .where('anomaly', true)
    .whereNull('anomalyClosedAt')
    .orderBy('passedAt', 'desc')
    .limit(100)
  const absences = await OtvAbsence.query()
    .whereIn('id', open.map((passage) => passage.absenceId).concat(0))
    .preload('street')
  const byId = new Map(absences.map((absence) => [absence.id, absence]))
  return {
    lists,
    behind,
    perWeek,
    homes: lists.reduce((sum, sector) => sum + sector.homes.length, 0),
    anomalies: open.map((passage) => ({
      passage,
      absence: byId.get(passage.absenceId)!,
      when: passage.passedAt.setZone(CITY_ZONE).toFormat('dd/MM/yyyy HH:mm'),
    })),
  }
}

/** An absence the patrols watch today (a passage is recorded only on those). */
export async function watchedToday(id: unknown, today = clock.today()) {
  return OtvAbsence.query()
    .where('id', Number(id) || 0)
    .whereNot('status', 'cancelled')
    .where('startsOn', '<=', today)
    .where('endsOn', '>=', today)
    .preload('street')
    .first()
}

/** The streets and sectors page: each sector with its streets, the streets outside any, the sector being edited. */
export async function sectorsPage(editing: number) {
  const sectors = await db.from('police_sectors').select('id', 'name').orderBy('name')
  const streets = await db.from('police_streets').select('id', 'name', 'sector_id').orderBy('name')
  return {
    sectors: sectors.map((sector) => ({
      ...sector,
      streets: streets.filter((street) => street.sector_id === sector.id),
    })),
    unassigned: streets.filter((street) => !street.sector_id),
    editing: sectors.find((sector) => sector.id === editing) ?? null,
    editingStreets: streets
      .filter((street) => street.sector_id === editing)
      .map((street) => street.name)
      .join('\n'),
  }
}
