import type { DateTime } from 'luxon'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import Report, { STATUSES, type ReportStatus } from '../models/report.js'
import { queryId } from '#core/http/query_filters'

export const AGES = ['7', '30', '90'] as const

export interface QueueFilters {
  category: number | null
  status: ReportStatus | 'open' | null
  /** older than this many days */
  age: (typeof AGES)[number] | null
}

/** The filters of the queue as they come in the query string ("open" by default). */
export function queueFilters(input: Record<string, unknown>): QueueFilters {
  const status =
    input.statut === 'tous'
      ? null
      : (STATUSES.find((candidate) => candidate === input.statut) ?? 'open')
  return {
    category: queryId(input.categorie),
    status,
    age: AGES.find((candidate) => candidate === input.anciennete) ?? null,
  }
}

/** The verified reports of the agent's services matching the filters, oldest first within a page. */
export function queueQuery(services: string[], filters: QueueFilters) {
  const query = Report.query()
    .whereIn('serviceSlug', services)
    .whereNotNull('verifiedAt')
    .whereNull('mergedIntoId')
  if (filters.category)
    query.where((q) =>
      q
        .where('categoryId', filters.category!)
        .orWhereIn('categoryId', (sub) =>
          sub.from('public_space_categories').select('id').where('parent_id', filters.category!)
        )
    )
  if (filters.status === 'open') query.whereIn('status', ['new', 'acknowledged', 'planned'])
  else if (filters.status) query.where('status', filters.status)
  if (filters.age) {
    const limit: DateTime = clock.now().minus({ days: Number(filters.age) })
    query.where('createdAt', '<', dbTimestamp(limit))
  }
  return query
}
