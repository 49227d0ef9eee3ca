import type { DateTime } from 'luxon'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import Report, { STATUSES, type ReportStatus } from '../models/report.js'
import { queryId, queryString } from '#core/http/query_filters'
import ReportUpdate from '../models/report_update.js'
import Photo from '../models/photo.js'
import Follower from '../models/follower.js'
import { categoryLabels, categoryTree } from './categories.js'
import { formatPoint } from '../services/geo.js'

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

const PAGE_SIZE = 50

/** One page of the queue (by key, after the id given), with what its filters form needs. */
export async function queuePage(services: string[], filters: QueueFilters, after: number) {
  const rows = await queueQuery(services, filters)
    .where('id', '>', after)
    .orderBy('id')
    .limit(PAGE_SIZE + 1)
  const reports = rows.slice(0, PAGE_SIZE)
  const filterQuery = queryString({
    categorie: filters.category,
    statut: filters.status === 'open' ? null : (filters.status ?? 'tous'),
    anciennete: filters.age,
  })
  return {
    reports,
    filters,
    filterQuery,
    groups: await categoryTree({ activeOnly: false }),
    labels: await categoryLabels(),
    statuses: STATUSES,
    ages: AGES,
    next: rows.length > PAGE_SIZE ? reports[reports.length - 1].id : null,
  }
}

/** A report of the agent's services with its history, photos and how many follow it (null when not theirs). */
export async function agentReport(services: string[], id: number) {
  const report = await Report.query().where('id', id).whereIn('serviceSlug', services).first()
  if (!report) return null
  const [updates, photos, followers, labels] = await Promise.all([
    ReportUpdate.query().where('reportId', report.id).orderBy('id'),
    Photo.query().where('reportId', report.id).orderBy('id'),
    Follower.query().where('reportId', report.id).count('* as total').first(),
    categoryLabels(),
  ])
  return {
    report,
    updates,
    photos,
    followers: Number(followers?.$extras.total ?? 0),
    category: labels.get(report.categoryId),
    coordinates: formatPoint(report),
    statuses: STATUSES,
  }
}

/** The report a duplicate is merged into, by its reference (any case), among the agent's services. */
export function reportByReference(services: string[], reference: string) {
  return Report.query()
    .where('reference', reference.toUpperCase())
    .whereIn('serviceSlug', services)
    .whereNull('mergedIntoId')
    .first()
}
