import RegisterEntry from '../models/register_entry.js'

/** The longest list of the register one page shows (a city's register holds a few thousand people at most). */
export const REGISTER_PAGE_SIZE = 500

/** The people registered, by name, in one sector or all, or only those still to check. */
export function registerList(filters: { sectorId: number | null; toCheck: boolean }) {
  const query = RegisterEntry.query().preload('sector').orderBy('lastName').orderBy('id')
  if (filters.sectorId) query.where('sectorId', filters.sectorId)
  if (filters.toCheck) query.whereNull('checkedAt')
  return query.limit(REGISTER_PAGE_SIZE)
}
