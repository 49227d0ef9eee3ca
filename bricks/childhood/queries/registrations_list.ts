import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import { containsInsensitive } from '#core/database/dialect'
import Registration, { type RegistrationStatus } from '../models/registration.js'
import { LIST_PAGE_SIZE, idFilter, textFilter } from './list_filters.js'

const STATUSES: RegistrationStatus[] = ['placed', 'waiting', 'cancelled', 'refused']

export type RegistrationFilters = {
  /** part of the child's first or last name */
  q: string
  activite: number | null
  statut: RegistrationStatus | ''
}

export function registrationFilters(qs: Record<string, unknown>): RegistrationFilters {
  const status = textFilter(qs.statut, 12) as RegistrationStatus
  return {
    q: textFilter(qs.q),
    activite: idFilter(qs.activite),
    statut: STATUSES.includes(status) ? status : '',
  }
}

function registrationsQuery(filters: RegistrationFilters) {
  const query = Registration.query()
  if (filters.q) {
    const condition = containsInsensitive(db.connection(), ['first_name', 'last_name'], filters.q)
    query.whereIn(
      'householdMemberId',
      db
        .from('household_members')
        .where('kind', 'child')
        .whereRaw(condition.sql, condition.bindings)
        .select('id')
    )
  }
  if (filters.activite)
    query.whereIn(
      'sessionId',
      db.from('activity_sessions').where('activity_id', filters.activite).select('id')
    )
  if (filters.statut) query.where('status', filters.statut)
  return query
}

/** Each registration with its child, session, activity and family. */
async function describe(registrations: Registration[]) {
  const families = new Map(
    (
      await User.query().whereIn(
        'id',
        registrations.map((registration) => registration.userId).concat(0)
      )
    ).map((user) => [user.id, user])
  )
  return registrations.map((registration) => ({
    id: registration.id,
    registration,
    family: families.get(registration.userId),
  }))
}

export type RegistrationRow = Awaited<ReturnType<typeof describe>>[number]

function withRelations(query: ReturnType<typeof registrationsQuery>) {
  return query.preload('child').preload('session', (session) => session.preload('activity'))
}

/** A page of the registrations, newest first, before the id `avant` (keyset); whether older ones remain. */
export async function registrationsPage(filters: RegistrationFilters, before: number | null) {
  const query = withRelations(registrationsQuery(filters))
    .orderBy('id', 'desc')
    .limit(LIST_PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const registrations = await query
  const shown = registrations.slice(0, LIST_PAGE_SIZE)
  return {
    rows: await describe(shown),
    next: registrations.length > LIST_PAGE_SIZE ? shown[shown.length - 1].id : null,
  }
}

/** The filtered registrations for an export, a batch at a time by id (see keysetBatches). */
export function registrationsBatch(filters: RegistrationFilters) {
  return async (afterId: number, size: number) =>
    describe(
      await withRelations(registrationsQuery(filters))
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(size)
    )
}
