import db from '@adonisjs/lucid/services/db'
import HouseholdMember from '#accounts/models/household_member'
import User from '#accounts/models/user'
import { containsInsensitive } from '#core/database/dialect'
import ChildRecord from '../models/child_record.js'
import School from '../models/school.js'
import { LIST_PAGE_SIZE, idFilter, textFilter } from './list_filters.js'

export type ChildrenFilters = {
  /** part of the child's first or last name */
  q: string
  /** the school recorded by the service */
  ecole: number | null
}

export function childrenFilters(qs: Record<string, unknown>): ChildrenFilters {
  return { q: textFilter(qs.q), ecole: idFilter(qs.ecole) }
}

/** The children matching the filters, not ordered nor paginated (synchronous: the query is thenable). */
function childrenQuery(filters: ChildrenFilters) {
  const query = HouseholdMember.query().where('kind', 'child')
  if (filters.q) {
    const condition = containsInsensitive(db.connection(), ['first_name', 'last_name'], filters.q)
    query.whereRaw(condition.sql, condition.bindings)
  }
  if (filters.ecole)
    query.whereIn(
      'id',
      db.from('childhood_children').where('school_id', filters.ecole).select('household_member_id')
    )
  return query
}

/** Each child with what the service recorded (school, class, verified) and the family. */
async function describe(children: HouseholdMember[]) {
  const ids = children.map((child) => child.id).concat(0)
  const records = new Map(
    (await ChildRecord.query().whereIn('householdMemberId', ids)).map((record) => [
      record.householdMemberId,
      record,
    ])
  )
  const schools = new Map((await School.all()).map((school) => [school.id, school]))
  const families = new Map(
    (await User.query().whereIn('id', children.map((child) => child.userId).concat(0))).map(
      (user) => [user.id, user]
    )
  )
  return children.map((child) => {
    const record = records.get(child.id)
    return {
      id: child.id,
      child,
      record,
      school: record?.schoolId ? schools.get(record.schoolId) : undefined,
      family: families.get(child.userId),
    }
  })
}

export type ChildRow = Awaited<ReturnType<typeof describe>>[number]

/** The cursor of the next page: the last row's name and id (alphabetical order, by key). */
export function childCursor(child: HouseholdMember) {
  return Buffer.from(JSON.stringify([child.lastName, child.firstName, child.id])).toString(
    'base64url'
  )
}

function readCursor(value: unknown): [string, string, number] | null {
  if (typeof value !== 'string' || value.length > 400) return null
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString())
    return Array.isArray(cursor) &&
      typeof cursor[0] === 'string' &&
      typeof cursor[1] === 'string' &&
      Number.isSafeInteger(cursor[2])
      ? (cursor as [string, string, number])
      : null
  } catch {
    return null
  }
}

/**
 * A page of the children, by last name, first name then id, after the
 * cursor `apres` (keyset: the same cost on the hundredth page as on the
 * first); whether more follow.
 */
export async function childrenPage(filters: ChildrenFilters, after: unknown) {
  const query = childrenQuery(filters)
    .orderBy('lastName')
    .orderBy('firstName')
    .orderBy('id')
    .limit(LIST_PAGE_SIZE + 1)
  const cursor = readCursor(after)
  if (cursor) {
    const [last, first, id] = cursor
    query.where((later) =>
      later
        .where('lastName', '>', last)
        .orWhere((same) => same.where('lastName', last).where('firstName', '>', first))
        .orWhere((same) =>
          same.where('lastName', last).where('firstName', first).where('id', '>', id)
        )
    )
  }
  const children = await query
  const shown = children.slice(0, LIST_PAGE_SIZE)
  return {
    rows: await describe(shown),
    next: children.length > LIST_PAGE_SIZE ? childCursor(shown[shown.length - 1]) : null,
  }
}

/** The filtered children for an export, a batch at a time by id (see keysetBatches). */
export function childrenBatch(filters: ChildrenFilters) {
  return async (afterId: number, size: number) =>
    describe(await childrenQuery(filters).where('id', '>', afterId).orderBy('id').limit(size))
}
