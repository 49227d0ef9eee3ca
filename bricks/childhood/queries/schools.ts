import School from '../models/school.js'

export const SCHOOLS_PAGE_SIZE = 50

/**
 * A page of schools in alphabetical order, after the school `after`
 * (keyset on name then id, so two schools of the same name are both
 * listed); whether more follow.
 */
export async function schoolsPage(after: number | null) {
  const query = School.query()
    .orderBy('name')
    .orderBy('id')
    .limit(SCHOOLS_PAGE_SIZE + 1)
  const from = after ? await School.find(after) : null
  if (from)
    query.where((next) =>
      next
        .where('name', '>', from.name)
        .orWhere((same) => same.where('name', from.name).where('id', '>', from.id))
    )
  const rows = await query
  const schools = rows.slice(0, SCHOOLS_PAGE_SIZE)
  return { schools, next: rows.length > SCHOOLS_PAGE_SIZE ? schools.at(-1)!.id : null }
}
