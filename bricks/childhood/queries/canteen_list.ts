import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import Invoice from '#payments/models/invoice'
import { containsInsensitive } from '#core/database/dialect'
import CanteenRegistration from '../models/canteen_registration.js'
import ChildRecord from '../models/child_record.js'
import School from '../models/school.js'
import { canteenDays, schoolYearOf } from '../services/canteen.js'
import { absentDaysOf, withAbsences } from '../services/absences.js'
import { LIST_PAGE_SIZE, idFilter, textFilter } from './list_filters.js'
import { holidayDaysOf } from './holidays.js'

export type CanteenFilters = {
  /** YYYY-MM, the month shown */
  mois: string
  /** part of the child's first or last name */
  q: string
  ecole: number | null
}

export function canteenFilters(qs: Record<string, unknown>, month: string): CanteenFilters {
  return { mois: month, q: textFilter(qs.q), ecole: idFilter(qs.ecole) }
}

/** The month's active canteen registrations matching the filters (synchronous: the query is thenable). */
function canteenQuery(filters: CanteenFilters) {
  const query = CanteenRegistration.query()
    .where('schoolYear', schoolYearOf(filters.mois))
    .where('status', 'active')
  if (filters.q) {
    const condition = containsInsensitive(db.connection(), ['first_name', 'last_name'], filters.q)
    query.whereIn(
      'householdMemberId',
      db.from('household_members').whereRaw(condition.sql, condition.bindings).select('id')
    )
  }
  if (filters.ecole)
    query.whereIn(
      'householdMemberId',
      db.from('childhood_children').where('school_id', filters.ecole).select('household_member_id')
    )
  return query.preload('child')
}

/** Each registration with the month's meals billed (absences and holidays left out), absent days, school and family. */
async function describe(registrations: CanteenRegistration[], month: string) {
  const childIds = registrations.map((registration) => registration.householdMemberId)
  const absent = await absentDaysOf(childIds, month)
  const schoolHolidays = await holidayDaysOf(month)
  const records = new Map(
    (await ChildRecord.query().whereIn('householdMemberId', childIds.concat(0))).map((record) => [
      record.householdMemberId,
      record,
    ])
  )
  const schools = new Map((await School.all()).map((school) => [school.id, school]))
  const families = new Map(
    (
      await User.query().whereIn(
        'id',
        registrations.map((registration) => registration.userId).concat(0)
      )
    ).map((user) => [user.id, user])
  )
  return registrations.map((registration) => {
    const counted = withAbsences(registration, absent)
    const schoolId = records.get(registration.householdMemberId)?.schoolId
    return {
      id: registration.id,
      registration,
      meals: canteenDays(counted, month, schoolHolidays).length,
      absences: [...new Set(counted.absences.filter((day) => day.startsWith(month)))].sort(),
      school: schoolId ? schools.get(schoolId) : undefined,
      family: families.get(registration.userId),
    }
  })
}

export type CanteenRow = Awaited<ReturnType<typeof describe>>[number]

/** A page of the month's canteen, by registration, after the id `apres` (keyset); whether more follow. */
export async function canteenPage(filters: CanteenFilters, after: number | null) {
  const query = canteenQuery(filters)
    .orderBy('id')
    .limit(LIST_PAGE_SIZE + 1)
  if (after) query.where('id', '>', after)
  const registrations = await query
  const shown = registrations.slice(0, LIST_PAGE_SIZE)
  const issued = await Invoice.query()
    .where('source', 'like', `childhood:canteen:%:${filters.mois}`)
    .count('* as total')
  return {
    rows: await describe(shown, filters.mois),
    next: registrations.length > LIST_PAGE_SIZE ? shown[shown.length - 1].id : null,
    issued: Number(issued[0].$extras.total),
  }
}

/** The month's filtered canteen for an export, a batch at a time by id (see keysetBatches). */
export function canteenBatch(filters: CanteenFilters) {
  return async (afterId: number, size: number) =>
    describe(
      await canteenQuery(filters).where('id', '>', afterId).orderBy('id').limit(size),
      filters.mois
    )
}
