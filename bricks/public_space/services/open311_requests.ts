import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import parvisConfig from '#config/parvis'
import Report, { OPEN_STATUSES, type ReportStatus } from '../models/report.js'
import ReportUpdate from '../models/report_update.js'
import Photo from '../models/photo.js'
import Category from '../models/category.js'
import { isoDate, Open311Error, type Value } from './open311_format.js'
import { t } from './open311_messages.js'

/** Default and largest span of a query, and most requests in one answer (the spec's figures). */
const SPAN_DAYS = 90
const MAX_REQUESTS = 1000
const STATUS_WORDS = ['open', 'closed'] as const

/** GeoReport's two statuses: a report still to be dealt with is open, resolved or not the city's is closed. */
export function open311Status(status: ReportStatus) {
  return OPEN_STATUSES.includes(status) ? 'open' : 'closed'
}

/** A comma list of a query parameter ("optional": empty behaves like absent). */
function list(value: unknown, max = 200) {
  if (typeof value !== 'string' || value.trim() === '') return []
  if (value.length > 20_000) throw new Open311Error(400, t('too_long'))
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  if (items.length > max) throw new Open311Error(400, t('too_many'))
  return items
}

/** A W3C datetime with its offset (or Z); a date alone is taken at midnight in the city. */
function dateParameter(value: unknown, name: string) {
  if (typeof value !== 'string' || value.trim() === '') return null
  const text = value.trim()
  const date = DateTime.fromISO(text, { zone: 'Europe/Paris', setZone: true })
  if (text.length > 40 || !date.isValid) throw new Open311Error(400, t('bad_date', { name }))
  return date
}

export interface RequestsQuery {
  ids: string[]
  codes: string[]
  statuses: ('open' | 'closed')[]
  start: DateTime | null
  end: DateTime | null
}

/** The query string of GET requests, checked: 400 for what cannot be read. */
export function requestsQuery(input: Record<string, unknown>): RequestsQuery {
  const statuses = list(input.status, 2).map((word) => {
    const status = STATUS_WORDS.find((candidate) => candidate === word.toLowerCase())
    if (!status) throw new Open311Error(400, t('bad_status'))
    return status
  })
  const start = dateParameter(input.start_date, 'start_date')
  const end = dateParameter(input.end_date, 'end_date')
  if (start && end && end < start) throw new Open311Error(400, t('dates_reversed'))
  if (start && end && end.diff(start, 'days').days > SPAN_DAYS)
    throw new Open311Error(400, t('span_too_long', { days: SPAN_DAYS }))
  return {
    ids: list(input.service_request_id),
    codes: list(input.service_code),
    statuses,
    start,
    end,
  }
}

/**
 * The public reports a query asks for (confirmed ones only, as on
 * /signalements): by reference when `service_request_id` is given (it
 * overrides the rest), else by category, status and date filed — by default
 * the last 90 days — newest first, at most 1000.
 */
export async function findRequests(query: RequestsQuery) {
  const reports = Report.query().whereNotNull('verifiedAt').orderBy('id', 'desc')
  if (query.ids.length) {
    reports.whereIn('reference', query.ids)
  } else {
    reports.whereNull('mergedIntoId')
    if (query.codes.length)
      reports.whereIn('categoryId', (sub) =>
        sub.from(Category.table).select('id').whereIn('code', query.codes)
      )
    if (query.statuses.length === 1)
      reports.whereIn(
        'status',
        query.statuses[0] === 'open' ? OPEN_STATUSES : ['resolved', 'not_city']
      )
    const end = query.end ?? clock.now()
    const start = query.start ?? end.minus({ days: SPAN_DAYS })
    reports.where('createdAt', '>=', dbTimestamp(start)).where('createdAt', '<=', dbTimestamp(end))
  }
  return describe(await reports.limit(MAX_REQUESTS))
}

/** `request`s as the public may read them: no name, no contact; a photo only once an agent accepted it. */
async function describe(reports: Report[]): Promise<Value> {
  if (reports.length === 0) return []
  const ids = reports.map((report) => report.id)
  const [categories, updates, photos] = await Promise.all([
    Category.query().whereIn(
      'id',
      reports.map((report) => report.categoryId)
    ),
    ReportUpdate.query().whereIn('reportId', ids).where('kind', 'public').orderBy('id', 'desc'),
    Photo.query().whereIn('reportId', ids).where('accepted', true).orderBy('id'),
  ])
  return reports.map((report) => {
    const category = categories.find((candidate) => candidate.id === report.categoryId)
    const note = updates.find((update) => update.reportId === report.id)
    const photo = photos.find((candidate) => candidate.reportId === report.id)
    const status = open311Status(report.status)
    const expected = report.plannedOn
      ? DateTime.fromISO(report.plannedOn, { zone: 'Europe/Paris' }).endOf('day').startOf('second')
      : null
    return {
      service_request_id: report.reference,
      status,
      status_notes: note?.body ?? null,
      service_name: category?.name ?? null,
      service_code: category?.code ?? null,
      description: report.description,
      agency_responsible: report.team ?? null,
      requested_datetime: isoDate(report.createdAt),
      updated_datetime: isoDate(
        status === 'closed' && report.resolvedAt ? report.resolvedAt : report.updatedAt
      ),
      expected_datetime: isoDate(expected),
      address: report.address,
      zipcode: /\b(\d{5})\b/.exec(report.address)?.[1] ?? null,
      lat: report.lat,
      long: report.lng,
      media_url: photo ? `${parvisConfig.appUrl}/signalements/photos/${photo.id}` : null,
    }
  })
}
